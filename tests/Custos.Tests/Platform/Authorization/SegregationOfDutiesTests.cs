using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Validation;

namespace Custos.Tests.Platform.Authorization;

public sealed class SegregationOfDutiesTests
{
    private static readonly string Requester = Guid.NewGuid().ToString();

    [Fact]
    public void Approving_your_own_request_is_refused_with_the_reason()
    {
        var self = new Actor(ActorKind.User, Requester.ToUpperInvariant(), "Riley Requester");

        var error = Should.Throw<InvalidRequestException>(() => SegregationOfDuties.EnsureNotSelfApproval(Requester, self, "this elevation request"));

        error.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem()
            .ShouldBe("You cannot decide this elevation request because you made it yourself: segregation of duties requires another person holding the approval permission.");
    }

    [Fact]
    public void Another_person_may_approve()
    {
        var other = new Actor(ActorKind.User, Guid.NewGuid().ToString(), "Avery Approver");

        Should.NotThrow(() => SegregationOfDuties.EnsureNotSelfApproval(Requester, other, "this elevation request"));
    }

    [Theory]
    [InlineData(ActorKind.ApiKey)]
    [InlineData(ActorKind.Operator)]
    [InlineData(ActorKind.System)]
    [InlineData(ActorKind.Anonymous)]
    public void Only_a_person_may_approve_because_a_key_or_script_could_act_for_the_requester(ActorKind kind)
    {
        var notAPerson = new Actor(kind, Guid.NewGuid().ToString(), "ci");

        var error = Should.Throw<InvalidRequestException>(() => SegregationOfDuties.EnsureNotSelfApproval(Requester, notAPerson, "this risk acceptance"));

        error.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("Only a person signed in to Custos can decide this risk acceptance");
    }
}
