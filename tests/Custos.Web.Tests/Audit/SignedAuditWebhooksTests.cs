using System.Net;
using Custos.Platform.Audit;
using Custos.Web.Hosting;

namespace Custos.Web.Tests.Audit;

public sealed class SignedAuditWebhooksTests
{
    [Fact]
    public async Task An_alert_is_posted_with_an_HMAC_SHA_256_signature_of_its_exact_body()
    {
        var handler = new CapturingHandler();
        var options = new AuditOptions { Alerts = { WebhookUrl = new Uri("https://alerts.invalid/hook"), WebhookSecret = "shared-secret" } };
        var webhooks = new SignedAuditWebhooks(new SingleClientFactory(handler), options);
        var alert = new AuditAlertView(7, new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero), AuditAlertRule.BreakGlass, "Break-glass access", "u-1", 42, null, null);

        await webhooks.NotifyAsync(alert, TestContext.Current.CancellationToken);

        var (request, body) = handler.Requests.ShouldHaveSingleItem();
        request.RequestUri.ShouldBe(new Uri("https://alerts.invalid/hook"));
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("shared-secret"u8, body));
        request.Headers.GetValues("X-Custos-Signature").ShouldHaveSingleItem().ShouldBe(expected);
        System.Text.Encoding.UTF8.GetString(body).ShouldContain("\"rule\":\"BreakGlass\"");
    }

    [Fact]
    public async Task Without_a_webhook_url_nothing_is_sent()
    {
        var handler = new CapturingHandler();
        var webhooks = new SignedAuditWebhooks(new SingleClientFactory(handler), new AuditOptions());

        await webhooks.NotifyAsync(new AuditAlertView(1, DateTimeOffset.UnixEpoch, AuditAlertRule.BulkReads, "m", null, null, null, null), TestContext.Current.CancellationToken);

        handler.Requests.ShouldBeEmpty();
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
