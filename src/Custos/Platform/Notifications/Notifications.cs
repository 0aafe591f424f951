using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Notifications;

/// <summary>What to tell someone: a short title, a sentence or two, and where to act. Never PHI or a secret.</summary>
public sealed record NotificationMessage(string Title, string Body, string? Link = null);

/// <summary>
/// Tells users something needs them. The in-app notifier stores a notification per recipient, shown in the navigation
/// with an unread count; email and webhooks can implement the same seam later.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(IReadOnlyCollection<Guid> recipientIds, NotificationMessage message, CancellationToken cancellationToken);
}

public sealed record NotificationView(Guid Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsUnread => ReadAt is null;
}

internal sealed class InAppNotification
{
    private InAppNotification()
    {
    }

    public InAppNotification(Guid id, Guid recipientId, NotificationMessage message, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        Title = message.Title;
        Body = message.Body;
        Link = message.Link;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public NotificationView ToView() => new(Id, Title, Body, Link, CreatedAt, ReadAt);
}

internal sealed class InAppNotificationConfiguration : IEntityTypeConfiguration<InAppNotification>
{
    public void Configure(EntityTypeBuilder<InAppNotification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Title).HasMaxLength(200).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(2000).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt });
    }
}

/// <summary>Stores one notification per recipient, in the caller's unit of work, saved before returning.</summary>
internal sealed class InAppNotifier(AppDbContext db, TimeProvider time) : INotifier
{
    public async Task NotifyAsync(IReadOnlyCollection<Guid> recipientIds, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientIds);
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        foreach (var recipient in recipientIds.Distinct())
        {
            db.Add(new InAppNotification(Guid.CreateVersion7(now), recipient, message, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

internal static class MyNotifications
{
    public static bool TryGetUserId(ICurrentActor actor, out Guid userId)
    {
        userId = Guid.Empty;
        return actor.Actor.Kind == ActorKind.User && Guid.TryParse(actor.Actor.Id, out userId);
    }
}

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddScoped<INotifier, InAppNotifier>();
        services.AddScoped<ListMyNotifications>();
        services.AddScoped<CountUnreadNotifications>();
        services.AddScoped<MarkNotificationsRead>();
        return services;
    }
}
