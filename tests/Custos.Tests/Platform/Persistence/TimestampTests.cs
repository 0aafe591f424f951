using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Platform.Persistence;

public sealed class TimestampTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_timestamp_comes_back_as_the_same_instant_in_UTC(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        // Milliseconds and a tenth: finer than a second, within what both providers keep (SQLite 0.1 ms, PostgreSQL 1 µs).
        var instant = new DateTimeOffset(2026, 3, 2, 15, 4, 5, 678, TimeSpan.Zero).AddTicks(9000);
        db.Time.SetUtcNow(instant);
        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));

        var read = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, ct));

        read.CreatedAt.ShouldBe(instant);
        read.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        read.UpdatedAt.UtcTicks.ShouldBe(instant.UtcTicks);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_timestamp_compares_as_an_instant_in_queries(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var issuedAt = TestDatabase.StartTime;
        await db.RunAsync<FirstRunSetup, string?>((h, ct) => h.IssueTokenAsync(ct));

        var expiringAfterStart = await db.QueryAsync((context, ct) =>
            context.SetupTokens.CountAsync(t => t.ExpiresAt > issuedAt && t.CreatedAt <= issuedAt, ct));

        expiringAfterStart.ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_timestamp_given_with_an_offset_is_stored_as_the_same_instant_in_UTC_and_sorts_by_instant(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        // 15:00 UTC written as Tokyo time reads later on a wall clock than 16:00 UTC, but is the earlier instant.
        var earlier = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.FromHours(9));
        var later = new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero);
        await db.QueryAsync((context, ct) =>
        {
            context.SetupTokens.Add(new SetupToken(Guid.CreateVersion7(later), "later", later, later.AddMinutes(30)));
            context.SetupTokens.Add(new SetupToken(Guid.CreateVersion7(earlier), "earlier", earlier, earlier.AddMinutes(30)));
            return context.SaveChangesAsync(ct);
        });

        var inOrder = await db.QueryAsync((context, ct) => context.SetupTokens.OrderBy(t => t.CreatedAt).ToListAsync(ct));
        var before1530 = await db.QueryAsync((context, ct) =>
            context.SetupTokens.CountAsync(t => t.CreatedAt < new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero), ct));

        inOrder.Select(t => t.TokenHash).ShouldBe(["earlier", "later"]);
        inOrder[0].CreatedAt.ShouldBe(earlier);
        inOrder[0].CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        before1530.ShouldBe(1);
    }
}
