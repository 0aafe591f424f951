using Custos.Modules.AccessGovernance;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Identity.ApiKeys;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.AccessGovernance;

/// <summary>Two decisions on one record at the same moment (two tabs, two nodes): exactly one wins.</summary>
public sealed class ConcurrentDecisionsTests
{
    [Theory, AllDatabaseProviders]
    public async Task Two_decisions_on_one_request_at_once_leave_exactly_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var requester = await TestUsers.CreateAsync(db, "eli@custos.example", BuiltInRoles.Engineer);
        var first = await TestUsers.CreateAsync(db, "so1@custos.example", BuiltInRoles.SecurityOfficer);
        db.Actor.Actor = TestUsers.ActorFor(requester);
        var request = await db.RunAsync<RequestElevation, ElevationView>((h, ct) =>
            h.HandleAsync(new RequestElevationCommand(BuiltInRoles.PrivacyOfficer, "INC-2207: assess the misdirected export", 60), ct));

        // One approver's double submission (approve in one tab, reject in another) races itself.
        db.Actor.Actor = TestUsers.ActorFor(first);
        var outcomes = await Task.WhenAll(
            Outcome(db.RunAsync<DecideElevation, ElevationView>((h, ct) => h.HandleAsync(new DecideElevationCommand(request.Id, true, null), ct))),
            Outcome(db.RunAsync<DecideElevation, ElevationView>((h, ct) => h.HandleAsync(new DecideElevationCommand(request.Id, false, "Not needed"), ct))));

        outcomes.Count(o => o == "decided").ShouldBe(1);
        outcomes.Count(o => o == "refused").ShouldBe(1);
        var stored = (await ElevationTests.List(db, ElevationListScope.All)).Single();
        stored.Status.ShouldBeOneOf(ElevationStatus.Active, ElevationStatus.Rejected);
    }

    [Theory, AllDatabaseProviders]
    public async Task Two_rotations_of_one_key_at_once_issue_exactly_one_replacement(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = new Actor(ActorKind.Operator, "ops", "ops");
        var key = await db.RunAsync<CreateApiKey, IssuedApiKey>((h, ct) => h.HandleAsync(new CreateApiKeyCommand("nightly", [Permissions.ComplianceRead]), ct));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Outcome(db.RunAsync<RotateApiKey, IssuedApiKey>((h, ct) => h.HandleAsync(new RotateApiKeyCommand(key.Key.Id), ct)))));

        outcomes.Count(o => o == "decided").ShouldBe(1);
        (await db.CountAsync<ApiKey>()).ShouldBe(2);
    }

    private static async Task<string> Outcome<T>(Task<T> work)
    {
        try
        {
            await work;
            return "decided";
        }
        catch (InvalidRequestException)
        {
            return "refused";
        }
    }
}
