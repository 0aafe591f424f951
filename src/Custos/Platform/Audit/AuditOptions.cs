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

    /// <summary>
    /// How often a checkpoint is signed while entries arrive. Half a second: an entry waits up to one interval for the
    /// next checkpoint after its integration, so with 1 s the p99 checkpoint lag measured 1.06–1.16 s, over issue 4's
    /// goal of 1 s; two ECDSA P-256 signatures and witness lines a second cost little.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the whole ledger is verified in the background.</summary>
    public TimeSpan VerificationInterval { get; set; } = TimeSpan.FromDays(1);

    public AuditAlertOptions Alerts { get; set; } = new();

    /// <summary>Most entries integrated in one transaction.</summary>
    public int IntegrationBatchSize { get; set; } = 5000;

    /// <summary>
    /// Whether a group commit integrates in its own transaction (ADR 0016): it takes the sequencer's database lock,
    /// integrates whatever is waiting and inserts its own entries already sequenced. Off, appends are written without
    /// a sequence and only the background rounds integrate them (the path before; tests of that path use it).
    /// </summary>
    public bool IntegrateOnAppend { get; set; } = true;

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

        if (section[nameof(IntegrateOnAppend)] is { Length: > 0 } onAppend)
        {
            options.IntegrateOnAppend = bool.TryParse(onAppend, out var value)
                ? value
                : throw new CustosConfigurationException($"{Section}:{nameof(IntegrateOnAppend)}", $"'{onAppend}' is not 'true' or 'false'.");
        }

        var alerts = section.GetSection(nameof(Alerts));
        options.Alerts.FailedSignInThreshold = ReadCount(alerts, nameof(AuditAlertOptions.FailedSignInThreshold), options.Alerts.FailedSignInThreshold);
        options.Alerts.FailedSignInWindow = ReadTime(alerts, nameof(AuditAlertOptions.FailedSignInWindow), options.Alerts.FailedSignInWindow);
        options.Alerts.BulkReadThreshold = ReadCount(alerts, nameof(AuditAlertOptions.BulkReadThreshold), options.Alerts.BulkReadThreshold);
        options.Alerts.BulkReadWindow = ReadTime(alerts, nameof(AuditAlertOptions.BulkReadWindow), options.Alerts.BulkReadWindow);
        options.Alerts.ExportThreshold = ReadCount(alerts, nameof(AuditAlertOptions.ExportThreshold), options.Alerts.ExportThreshold);
        options.Alerts.ExportWindow = ReadTime(alerts, nameof(AuditAlertOptions.ExportWindow), options.Alerts.ExportWindow);
        options.Alerts.WorkingHoursStart = ReadTimeOfDay(alerts, nameof(AuditAlertOptions.WorkingHoursStart));
        options.Alerts.WorkingHoursEnd = ReadTimeOfDay(alerts, nameof(AuditAlertOptions.WorkingHoursEnd));
        if (alerts[nameof(AuditAlertOptions.WebhookUrl)] is { Length: > 0 } hook)
        {
            options.Alerts.WebhookUrl = Uri.TryCreate(hook, UriKind.Absolute, out var hookUri)
                ? hookUri
                : throw new CustosConfigurationException($"{Section}:Alerts:{nameof(AuditAlertOptions.WebhookUrl)}", $"'{hook}' is not an absolute URL.");
        }

        options.Alerts.WebhookSecret = alerts[nameof(AuditAlertOptions.WebhookSecret)];
        return options;
    }

    private static int ReadCount(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CustosConfigurationException($"{section.Path}:{key}", $"'{text}' is not a positive whole number.");
    }

    private static TimeOnly? ReadTimeOfDay(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CustosConfigurationException($"{section.Path}:{key}", $"'{text}' is not a time of day such as 07:00 (UTC).");
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
            : throw new CustosConfigurationException($"{section.Path}:{key}", $"'{text}' is not a positive time span such as 00:00:01.");
    }
}
