using Custos.Platform.Identity;
using Custos.Platform.Validation;

namespace Custos.Platform.Authorization;

/// <summary>
/// Segregation of duties, one rule for every approval in Custos: nobody approves, reviews or signs off their own
/// request. Elevation approval and break-glass review use it now; risk acceptance, policy approval and breach
/// determination sign-off call the same method when they arrive. 45 CFR 164.308(a)(4)(ii)(B)-(C) (access is
/// authorized by someone other than the person who gets it) and 164.308(a)(1)(ii)(B) (measures that reduce risk
/// to a reasonable level: a second person on every sensitive decision).
/// </summary>
public static class SegregationOfDuties
{
    /// <summary>The field named in the error, so pages and the API show it on the decision.</summary>
    public const string Field = "Approver";

    /// <summary>
    /// Refuses the decision when <paramref name="approver"/> is the person who asked for it, or is not a person at
    /// all: an API key or an operator shell could be set up by the requester to approve on their behalf.
    /// </summary>
    /// <param name="requesterId">User id of whoever made the request (the actor id they acted under).</param>
    /// <param name="approver">Who is deciding now.</param>
    /// <param name="what">What is being decided, for the message, for example "this elevation request".</param>
    /// <exception cref="InvalidRequestException">The approver may not decide; nothing has been changed.</exception>
    public static void EnsureNotSelfApproval(string requesterId, Actor approver, string what)
    {
        ArgumentNullException.ThrowIfNull(approver);
        if (approver.Kind != ActorKind.User)
        {
            throw new InvalidRequestException(
                Field,
                $"Only a person signed in to Custos can decide {what}; an API key, operator command or system task cannot (segregation of duties).");
        }

        if (string.Equals(requesterId, approver.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(
                Field,
                $"You cannot decide {what} because you made it yourself: segregation of duties requires another person holding the approval permission.");
        }
    }
}
