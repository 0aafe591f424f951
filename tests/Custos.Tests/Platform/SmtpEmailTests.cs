using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Custos.Modules.Incidents;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Custos.Tests.Platform;

/// <summary>Email goes through a real SMTP conversation with an in-process server (the SmtpServer package).</summary>
public sealed class SmtpEmailTests
{
    private sealed class CapturingStore : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(CapturingStore Store, SmtpServer.SmtpServer Server, Task Running, int Port)> StartServerAsync()
    {
        var port = FreePort();
        var store = new CapturingStore();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Port(port).Build(), services);
        var running = server.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return (store, server, running, port);
    }

    private static SmtpEmailSender Sender(int port) =>
        new(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", From = "custos@brightwater.example" }), NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task A_message_is_delivered_over_SMTP_with_its_subject_recipients_and_plain_text_body()
    {
        var (store, server, running, port) = await StartServerAsync();
        try
        {
            await Sender(port).SendAsync(new EmailMessage(["sam@brightwater.example", "pia@brightwater.example"], "Due in 7 day(s)", "Open it in Custos."), TestContext.Current.CancellationToken);

            var message = store.Messages.ShouldHaveSingleItem();
            message.Subject.ShouldBe("Due in 7 day(s)");
            message.To.Mailboxes.Select(m => m.Address).ShouldBe(["sam@brightwater.example", "pia@brightwater.example"]);
            message.From.Mailboxes.Single().Address.ShouldBe("custos@brightwater.example");
            message.TextBody.ShouldNotBeNull().Trim().ShouldBe("Open it in Custos.");
        }
        finally
        {
            server.Shutdown();
            await running;
        }
    }

    [Fact]
    public async Task Without_a_host_email_is_off_and_nothing_is_sent()
    {
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions()), NullLogger<SmtpEmailSender>.Instance);

        sender.IsEnabled.ShouldBeFalse();
        await sender.SendAsync(new EmailMessage(["x@example.org"], "s", "b"), TestContext.Current.CancellationToken);
    }

    [Theory, AllDatabaseProviders]
    public async Task Incident_alerts_email_the_designated_officers(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(OfficerRole.SecurityOfficer, "Sam Shield", db.Today), ct));
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(OfficerRole.PrivacyOfficer, "Pia Privacy", db.Today), ct));
        var (store, server, running, port) = await StartServerAsync();
        try
        {
            await using var scope = db.CreateScope();
            var alerts = new IncidentAlerts(
                scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<IOfficerDirectory>(),
                scope.ServiceProvider.GetRequiredService<INotifier>(), Sender(port), db.Time);

            await alerts.NotifyOfficersAsync(new NotificationMessage("High incident reported: INC-1", "Needs triage.", "/incidents/1"), TestContext.Current.CancellationToken);

            var message = store.Messages.ShouldHaveSingleItem();
            message.To.Mailboxes.Select(m => m.Address).ShouldBe(["sam@brightwater.example", "pia@brightwater.example"], ignoreOrder: true);
            message.TextBody.ShouldNotBeNull().ShouldContain("/incidents/1");
        }
        finally
        {
            server.Shutdown();
            await running;
        }
    }
}
