using System.Net.Http.Headers;
using Custos.Platform.Audit;

namespace Custos.Web.Hosting;

/// <summary>
/// Posts alerts (Audit:Alerts:WebhookUrl) and checkpoints (Audit:WitnessWebhookUrl) as JSON, signed with
/// HMAC-SHA256 of the body under the configured secret in the <c>X-Custos-Signature</c> header, so the receiver can
/// check they came from this deployment unaltered.
/// </summary>
internal sealed class SignedAuditWebhooks(IHttpClientFactory clients, AuditOptions options) : IAuditAlertNotifier, IWitnessWebhook
{
    public const string ClientName = "custos-audit-webhooks";

    public Task NotifyAsync(AuditAlertView alert, CancellationToken cancellationToken)
    {
        if (options.Alerts.WebhookUrl is not { } url)
        {
            return Task.CompletedTask;
        }

        var body = AuditWebhookSignature.Body(alert);
        return PostAsync(url, body, AuditWebhookSignature.Sign(options.Alerts.WebhookSecret ?? string.Empty, body), cancellationToken);
    }

    public async Task PostAsync(Uri url, byte[] body, string signatureHeader, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(AuditWebhookSignature.Header, signatureHeader);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
