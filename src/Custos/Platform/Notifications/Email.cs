using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Custos.Platform.Notifications;

/// <summary>A plain-text email. Never PHI or a secret: say what needs attention and link to Custos.</summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string Body);

/// <summary>Sends email. SMTP when <c>Notifications:Smtp:Host</c> is set; otherwise email is off and only logged as skipped.</summary>
public interface IEmailSender
{
    /// <summary>Whether email is configured.</summary>
    bool IsEnabled { get; }

    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Settings under <c>Notifications:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    /// <summary>SMTP server host name; email is off when empty.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// Auto (STARTTLS when the server offers it, the default), StartTls (required), Tls (implicit TLS, usually port
    /// 465) or None (only for a relay on the same host or tests).
    /// </summary>
    public string Security { get; set; } = "Auto";

    /// <summary>The sender address, for example <c>custos@example.org</c>.</summary>
    public string From { get; set; } = "custos@localhost";

    public string FromName { get; set; } = "Custos";

    public string? UserName { get; set; }

    /// <summary>Give it through an environment variable or secret store, never in a committed file.</summary>
    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Sends through an SMTP server with MailKit, one connection per message batch.</summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public bool IsEnabled => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!IsEnabled)
        {
            EmailLog.Skipped(logger, message.To.Count);
            return;
        }

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        foreach (var to in message.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = settings.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "TLS" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        EmailLog.Sent(logger, message.To.Count);
    }
}

internal static partial class EmailLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Email sent to {RecipientCount} recipient(s).")]
    public static partial void Sent(ILogger logger, int recipientCount);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Email is not configured (Notifications:Smtp:Host); a message to {RecipientCount} recipient(s) was not sent.")]
    public static partial void Skipped(ILogger logger, int recipientCount);
}
