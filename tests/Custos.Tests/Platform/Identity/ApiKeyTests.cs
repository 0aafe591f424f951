using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Identity.ApiKeys;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Platform.Identity;

public sealed class ApiKeyTests
{
    private static readonly Actor Operator = new(ActorKind.Operator, "ops", "ops (custos CLI)");

    [Theory, AllDatabaseProviders]
    public async Task A_new_key_is_shown_once_stored_only_as_a_hash_and_authenticates_with_its_scopes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;

        var issued = await Create(db, [Permissions.IncidentsRead, Permissions.OrganizationRead]);
        var result = await Authenticate(db, issued.Secret);

        issued.Secret.ShouldMatch("^custos_[0-9a-f]{12}_[0-9a-f]{64}$");
        issued.Secret.ShouldStartWith($"custos_{issued.Key.Prefix}_");
        result.Succeeded.ShouldBeTrue();
        result.KeyId.ShouldBe(issued.Key.Id);
        result.Scopes.ShouldBe([Permissions.OrganizationRead, Permissions.IncidentsRead], ignoreOrder: true);
        result.Actor!.Kind.ShouldBe(ActorKind.ApiKey);
        var stored = await db.QueryAsync((ctx, ct) => ctx.Set<ApiKey>().SingleAsync(ct));
        stored.SecretHash.Length.ShouldBe(32);
        System.Text.Encoding.UTF8.GetString(stored.SecretHash).ShouldNotContain(issued.Secret[20..]);
        stored.SecretHash.ShouldBe(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issued.Secret)));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_key_without_a_stated_expiry_lives_90_days_then_gets_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var issued = await Create(db, [Permissions.ComplianceRead]);

        db.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        var lastMinute = await Authenticate(db, issued.Secret);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await Authenticate(db, issued.Secret);

        issued.Key.ExpiresAt.ShouldBe(TestDatabase.StartTime.AddDays(90));
        lastMinute.Succeeded.ShouldBeTrue();
        after.Refusal.ShouldBe(ApiKeyRefusal.Expired);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_expiry_beyond_one_year_is_refused_with_the_limit_and_nothing_is_created(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;

        var error = await Should.ThrowAsync<InvalidRequestException>(() => Create(db, [Permissions.ComplianceRead], expiresInDays: 366));

        error.Errors["ExpiresInDays"].ShouldHaveSingleItem().ShouldContain("at most 365 days");
        (await db.CountAsync<ApiKey>()).ShouldBe(0);
        (await Create(db, [Permissions.ComplianceRead], expiresInDays: 365)).Key.ExpiresAt.ShouldBe(TestDatabase.StartTime.AddDays(365));
    }

    [Theory, AllDatabaseProviders]
    public async Task Unknown_scopes_are_refused_by_name_and_nothing_is_created(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;

        var error = await Should.ThrowAsync<InvalidRequestException>(() => Create(db, [Permissions.IncidentsRead, "incidents.delete", "Incidents.Read"]));

        error.Errors["Scopes"].ShouldHaveSingleItem().ShouldStartWith("Unknown scopes 'incidents.delete', 'Incidents.Read'");
        (await db.CountAsync<ApiKey>()).ShouldBe(0);
        (await db.CountAsync<Custos.Platform.Audit.AuditEntry>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_person_can_only_give_a_key_permissions_they_hold(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var admin = await TestUsers.CreateAsync(db, "admin@custos.example", BuiltInRoles.Administrator);
        db.Actor.Actor = TestUsers.ActorFor(admin);

        var error = await Should.ThrowAsync<InvalidRequestException>(() => Create(db, [Permissions.IncidentsRead, Permissions.IncidentsPhiRead]));
        var allowed = await Create(db, [Permissions.IncidentsRead]);

        error.Errors["Scopes"].ShouldHaveSingleItem().ShouldContain("incidents.phi.read");
        allowed.Key.Scopes.ShouldBe([Permissions.IncidentsRead]);
        allowed.Key.CreatedBy.ShouldBe("Someone");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_revoked_key_is_refused_on_its_next_use_and_the_revocation_is_a_security_event(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var issued = await Create(db, [Permissions.ComplianceRead]);
        (await Authenticate(db, issued.Secret)).Succeeded.ShouldBeTrue();

        var revoked = await db.RunAsync<RevokeApiKey, ApiKeyView>((h, ct) => h.HandleAsync(issued.Key.Id, ct));
        var after = await Authenticate(db, issued.Secret);

        revoked.Status.ShouldBe(ApiKeyStatus.Revoked);
        after.Refusal.ShouldBe(ApiKeyRefusal.Revoked);
        var events = await Events(db);
        events.Select(e => (e.Action, e.Outcome)).ShouldBe(
            [("keys.create", AuditOutcome.Succeeded), ("keys.use", AuditOutcome.Succeeded), ("keys.revoke", AuditOutcome.Succeeded), ("keys.use", AuditOutcome.Denied)],
            ignoreOrder: true);
        events.Single(e => e.Action == "keys.revoke").ActorKind.ShouldBe(ActorKind.Operator);
        events.Single(e => e.Outcome == AuditOutcome.Denied).Reason.ShouldBe("revoked");
        var secretPart = issued.Secret[20..];
        events.ShouldAllBe(e => e.Reason == null || !e.Reason.Contains(secretPart));
    }

    [Theory, AllDatabaseProviders]
    public async Task Revoking_a_revoked_key_says_when_and_by_whom(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var issued = await Create(db, [Permissions.ComplianceRead]);
        await db.RunAsync<RevokeApiKey, ApiKeyView>((h, ct) => h.HandleAsync(issued.Key.Id, ct));

        var error = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<RevokeApiKey, ApiKeyView>((h, ct) => h.HandleAsync(issued.Key.Id, ct)));

        error.Errors["Id"].ShouldHaveSingleItem().ShouldContain("already revoked on 2026-03-02 15:00 UTC by ops (custos CLI)");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_rotated_key_keeps_working_until_the_overlap_ends_while_its_replacement_works_throughout(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var old = await Create(db, [Permissions.ComplianceRead], expiresInDays: 30);
        db.Time.Advance(TimeSpan.FromDays(10));

        var replacement = await db.RunAsync<RotateApiKey, IssuedApiKey>((h, ct) => h.HandleAsync(new RotateApiKeyCommand(old.Key.Id, OverlapHours: 6), ct));
        var oldDuring = await Authenticate(db, old.Secret);
        db.Time.Advance(TimeSpan.FromHours(6));
        var oldAfter = await Authenticate(db, old.Secret);
        var newAfter = await Authenticate(db, replacement.Secret);

        replacement.Secret.ShouldNotBe(old.Secret);
        replacement.Key.Name.ShouldBe(old.Key.Name);
        replacement.Key.Scopes.ShouldBe(old.Key.Scopes);
        replacement.Key.ExpiresAt.ShouldBe(TestDatabase.StartTime.AddDays(40));
        oldDuring.Succeeded.ShouldBeTrue();
        oldAfter.Refusal.ShouldBe(ApiKeyRefusal.Expired);
        newAfter.Succeeded.ShouldBeTrue();
        var listed = await db.RunAsync<ListApiKeys, IReadOnlyList<ApiKeyView>>((h, ct) => h.HandleAsync(ct));
        listed.Single(k => k.Id == old.Key.Id).Status.ShouldBe(ApiKeyStatus.Retired);
        listed.Single(k => k.Id == old.Key.Id).ReplacedById.ShouldBe(replacement.Key.Id);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_overlap_beyond_seven_days_is_refused_and_the_key_is_not_rotated(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var old = await Create(db, [Permissions.ComplianceRead]);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<RotateApiKey, IssuedApiKey>((h, ct) => h.HandleAsync(new RotateApiKeyCommand(old.Key.Id, OverlapHours: 169), ct)));

        error.Errors.Keys.ShouldBe(["OverlapHours"]);
        (await db.CountAsync<ApiKey>()).ShouldBe(1);
    }

    [Theory, AllDatabaseProviders]
    public async Task Last_use_and_address_are_recorded_but_written_at_most_once_a_minute_per_address(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var issued = await Create(db, [Permissions.ComplianceRead]);

        await Authenticate(db, issued.Secret, "203.0.113.7");
        db.Time.Advance(TimeSpan.FromSeconds(30));
        await Authenticate(db, issued.Secret, "203.0.113.7");
        var throttled = await db.QueryAsync((ctx, ct) => ctx.Set<ApiKey>().AsNoTracking().SingleAsync(ct));
        db.Time.Advance(TimeSpan.FromSeconds(30));
        await Authenticate(db, issued.Secret, "203.0.113.7");
        var written = await db.QueryAsync((ctx, ct) => ctx.Set<ApiKey>().AsNoTracking().SingleAsync(ct));

        throttled.LastUsedAt.ShouldBe(TestDatabase.StartTime);
        throttled.LastUsedFrom.ShouldBe("203.0.113.7");
        written.LastUsedAt.ShouldBe(TestDatabase.StartTime.AddMinutes(1));
        (await Events(db)).Count(e => e.Action == "keys.use").ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task Malformed_and_unknown_tokens_are_refused_and_recorded(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Operator;
        var issued = await Create(db, [Permissions.ComplianceRead]);
        var wrongSecret = issued.Secret[..^1] + (issued.Secret[^1] == '0' ? '1' : '0');

        var malformed = await Authenticate(db, "not-a-key");
        var guessed = await Authenticate(db, wrongSecret);

        malformed.Refusal.ShouldBe(ApiKeyRefusal.Malformed);
        guessed.Refusal.ShouldBe(ApiKeyRefusal.Unknown);
        (await Events(db)).Count(e => e is { Action: "keys.use", Outcome: AuditOutcome.Denied }).ShouldBe(2);
    }

    private static Task<IssuedApiKey> Create(TestDatabase db, string[] scopes, int? expiresInDays = null) =>
        db.RunAsync<CreateApiKey, IssuedApiKey>((h, ct) => h.HandleAsync(new CreateApiKeyCommand("CI evidence upload", scopes, expiresInDays), ct));

    private static Task<ApiKeyAuthentication> Authenticate(TestDatabase db, string token, string? address = "198.51.100.4") =>
        db.RunAsync<AuthenticateApiKey, ApiKeyAuthentication>((h, ct) => h.HandleAsync(token, address, ct));

    private static Task<List<Custos.Platform.Audit.AuditEntry>> Events(TestDatabase db) =>
        db.QueryAsync((ctx, ct) => ctx.Set<Custos.Platform.Audit.AuditEntry>().AsNoTracking().Where(e => !e.Action.StartsWith("record.")).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync(ct));
}
