using Microsoft.Extensions.Configuration;

namespace Custos.Platform.Audit;

/// <summary>Ledger settings, section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The checkpoint signing key (ECDSA P-256, PKCS#8 PEM), kept outside the database and created on first use with
    /// owner-only permissions. Back it up with the database; put it on another volume in production.
    /// </summary>
    public string SigningKeyPath { get; set; } = Path.Combine("data", "audit", "checkpoint-signing-key.pem");

    /// <summary>The witness file every checkpoint is appended to; empty turns the file witness off.</summary>
    public string? WitnessPath { get; set; } = Path.Combine("data", "audit", "witness.jsonl");

    /// <summary>Optional HTTPS endpoint that receives every checkpoint, HMAC-signed.</summary>
    public Uri? WitnessWebhookUrl { get; set; }

    public string? WitnessWebhookSecret { get; set; }

    /// <summary>This process's name in entries; the machine name when unset.</summary>
    public string? Node { get; set; }

    /// <summary>How often the sequencer looks for new entries.</summary>
    public TimeSpan IntegrationInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a checkpoint is signed while entries arrive.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the whole ledger is verified in the background.</summary>
    public TimeSpan VerificationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most entries integrated in one transaction.</summary>
    public int IntegrationBatchSize { get; set; } = 5000;

    public string NodeName => string.IsNullOrWhiteSpace(Node) ? Environment.MachineName : Node.Trim();

    public static AuditOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var options = new AuditOptions();
        if (section[nameof(SigningKeyPath)] is { Length: > 0 } keyPath)
        {
            options.SigningKeyPath = keyPath;
        }

        if (section[nameof(WitnessPath)] is { } witness)
        {
            options.WitnessPath = witness.Length == 0 ? null : witness;
        }

        if (section[nameof(WitnessWebhookUrl)] is { Length: > 0 } url)
        {
            options.WitnessWebhookUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? uri
                : throw new CustosConfigurationException($"{Section}:{nameof(WitnessWebhookUrl)}", $"'{url}' is not an absolute URL.");
        }

        options.WitnessWebhookSecret = section[nameof(WitnessWebhookSecret)];
        options.Node = section[nameof(Node)];
        options.IntegrationInterval = ReadTime(section, nameof(IntegrationInterval), options.IntegrationInterval);
        options.CheckpointInterval = ReadTime(section, nameof(CheckpointInterval), options.CheckpointInterval);
        options.VerificationInterval = ReadTime(section, nameof(VerificationInterval), options.VerificationInterval);
        if (section[nameof(IntegrationBatchSize)] is { Length: > 0 } batch)
        {
            options.IntegrationBatchSize = int.TryParse(batch, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0
                ? size
                : throw new CustosConfigurationException($"{Section}:{nameof(IntegrationBatchSize)}", $"'{batch}' is not a positive whole number.");
        }

        return options;
    }

    private static TimeSpan ReadTime(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new CustosConfigurationException($"{Section}:{key}", $"'{text}' is not a positive time span such as 00:00:01.");
    }
}
