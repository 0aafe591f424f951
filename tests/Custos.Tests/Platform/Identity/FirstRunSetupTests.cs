using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Identity;

public sealed class FirstRunSetupTests
{
    private const string GoodPassword = "correct horse battery staple";

    [Theory, AllDatabaseProviders]
    public async Task A_newly_issued_token_is_valid(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var token = await IssueAsync(db);

        (await CheckAsync(db, token)).ShouldBe(SetupTokenStatus.Valid);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_token_creates_the_first_administrator_in_the_Administrator_role(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);

        var id = await CreateAsync(db, Administrator(token));

        await using var scope = db.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
        var user = (await users.FindByIdAsync(id.ToString())).ShouldNotBeNull();
        user.Email.ShouldBe("priya.raman@brightwater.example");
        user.DisplayName.ShouldBe("Priya Raman");
        user.CreatedAt.ShouldBe(TestDatabase.StartTime);
        (await users.GetRolesAsync(user)).ShouldBe([CustosRoles.Administrator]);
        (await users.CheckPasswordAsync(user, GoodPassword)).ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task Issuing_a_token_is_refused_once_a_user_exists(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await CreateAsync(db, Administrator(await IssueAsync(db)));

        var token = await db.RunAsync<FirstRunSetup, string?>((setup, ct) => setup.IssueTokenAsync(ct));

        token.ShouldBeNull();
        (await db.RunAsync<FirstRunSetup, bool>((setup, ct) => setup.IsCompleteAsync(ct))).ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_token_works_once_only(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);
        await CreateAsync(db, Administrator(token));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            CreateAsync(db, Administrator(token) with { Email = "someone.else@brightwater.example" }));

        error.Errors.Keys.ShouldBe(["Token"]);
        (await CheckAsync(db, token)).ShouldBe(SetupTokenStatus.SetupAlreadyComplete);
        (await db.CountAsync<CustosUser>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_token_is_still_valid_after_29_minutes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);
        db.Time.Advance(TimeSpan.FromMinutes(29));

        var status = await CheckAsync(db, token);
        await CreateAsync(db, Administrator(token));

        status.ShouldBe(SetupTokenStatus.Valid);
        (await db.CountAsync<CustosUser>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_token_expires_30_minutes_after_it_was_issued(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);
        db.Time.Advance(FirstRunSetup.TokenLifetime + TimeSpan.FromTicks(1));

        var status = await CheckAsync(db, token);
        var error = await Should.ThrowAsync<InvalidRequestException>(() => CreateAsync(db, Administrator(token)));

        FirstRunSetup.TokenLifetime.ShouldBe(TimeSpan.FromMinutes(30));
        status.ShouldBe(SetupTokenStatus.Expired);
        error.Errors["Token"].ShouldBe([FirstRunSetup.Describe(SetupTokenStatus.Expired)]);
        (await db.CountAsync<CustosUser>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Issuing_a_new_token_makes_the_previous_one_unknown(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var previous = await IssueAsync(db);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var current = await IssueAsync(db);

        current.ShouldNotBe(previous);
        (await CheckAsync(db, previous)).ShouldBe(SetupTokenStatus.Unknown);
        (await CheckAsync(db, current)).ShouldBe(SetupTokenStatus.Valid);
        await Should.ThrowAsync<InvalidRequestException>(() => CreateAsync(db, Administrator(previous)));
        (await db.CountAsync<CustosUser>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_token_that_was_never_issued_is_unknown(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await IssueAsync(db);

        var status = await CheckAsync(db, "bm90LWEtcmVhbC10b2tlbg");

        status.ShouldBe(SetupTokenStatus.Unknown);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_password_shorter_than_12_characters_is_refused_and_the_token_stays_valid(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => CreateAsync(db, Administrator(token) with { Password = "short-pass1" }));

        error.Errors.Keys.ShouldBe(["Password"]);
        (await CheckAsync(db, token)).ShouldBe(SetupTokenStatus.Valid);
        (await db.CountAsync<CustosUser>()).ShouldBe(0);
        await CreateAsync(db, Administrator(token));
        (await db.CountAsync<CustosUser>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_email_that_is_not_an_address_is_refused_and_the_token_stays_valid(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => CreateAsync(db, Administrator(token) with { Email = "priya.raman" }));

        error.Errors.Keys.ShouldBe(["Email"]);
        (await CheckAsync(db, token)).ShouldBe(SetupTokenStatus.Valid);
        (await db.CountAsync<CustosUser>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Concurrent_attempts_with_the_same_token_create_exactly_one_administrator(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var token = await IssueAsync(db);
        using var start = new ManualResetEventSlim();

        // Each attempt has its own scope and connection, as two browser tabs would; they start together.
        var attempts = Enumerable.Range(1, 4).Select(i => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            try
            {
                return (Id: (Guid?)await CreateAsync(db, Administrator(token) with { Email = $"admin{i}@brightwater.example" }), Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Id: null, Error: ex);
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o.Id is not null).ShouldBe(1);
        outcomes.Where(o => o.Id is null).ShouldAllBe(o => o.Error is InvalidRequestException);
        (await db.CountAsync<CustosUser>()).ShouldBe(1);
        var admins = await db.QueryAsync((context, ct) => context.UserRoles.CountAsync(ct));
        admins.ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Two_nodes_that_each_issued_a_link_at_start_still_create_only_one_administrator(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var firstNode = await IssueAsync(db);
        // The second node issued its token at the same moment, before it could see and revoke the first one.
        var secondNode = "second-node-token-" + Guid.NewGuid().ToString("N");
        await db.QueryAsync(async (context, ct) =>
        {
            var now = db.Time.GetUtcNow();
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secondNode)));
            context.Add(new SetupToken(Guid.NewGuid(), hash, now, now + FirstRunSetup.TokenLifetime));
            return await context.SaveChangesAsync(ct);
        });
        (await CheckAsync(db, firstNode)).ShouldBe(SetupTokenStatus.Valid);
        (await CheckAsync(db, secondNode)).ShouldBe(SetupTokenStatus.Valid);
        using var start = new ManualResetEventSlim();

        var attempts = new[] { firstNode, secondNode, firstNode, secondNode }.Select((token, i) => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            try
            {
                return (Guid?)await CreateAsync(db, Administrator(token) with { Email = $"admin{i}@brightwater.example" });
            }
            catch (InvalidRequestException)
            {
                return null;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o is not null).ShouldBe(1);
        (await db.CountAsync<CustosUser>()).ShouldBe(1);
    }

    private static async Task<string> IssueAsync(TestDatabase db) =>
        (await db.RunAsync<FirstRunSetup, string?>((setup, ct) => setup.IssueTokenAsync(ct))).ShouldNotBeNull();

    private static Task<SetupTokenStatus> CheckAsync(TestDatabase db, string token) =>
        db.RunAsync<FirstRunSetup, SetupTokenStatus>((setup, ct) => setup.CheckTokenAsync(token, ct));

    private static Task<Guid> CreateAsync(TestDatabase db, CreateFirstAdministrator command) =>
        db.RunAsync<FirstRunSetup, Guid>((setup, ct) => setup.CreateAdministratorAsync(command, ct));

    private static CreateFirstAdministrator Administrator(string token) =>
        new(token, "Priya Raman", "priya.raman@brightwater.example", GoodPassword);
}
