using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>
/// The Privacy Officer signs off a breach determination (45 CFR 164.530(a)(1) privacy official; 164.414(b) burden of
/// proof). The signer must hold the Privacy Officer role (standing or temporarily granted) or be the designated
/// Privacy Officer's account holding incidents.manage, and must not be the assessment's author (segregation of duties).
/// Once signed, the assessment is immutable; a revision is a new version.
/// </summary>
public sealed class SignOffBreachAssessment(
    AppDbContext db, ICurrentActor actor, PermissionResolver permissions, IOfficerDirectory officers, ISecurityEventSink events, TimeProvider time)
{
    public async Task<BreachAssessmentView> HandleAsync(Guid assessmentId, CancellationToken cancellationToken)
    {
        var assessment = await db.Set<BreachAssessment>().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
            ?? throw new RecordNotFoundException("breach assessment", assessmentId.ToString());
        var signer = actor.Actor;
        SegregationOfDuties.EnsureNotSelfApproval(assessment.AuthorId, signer, "this breach assessment");
        if (!await IsPrivacyOfficerAsync(signer, cancellationToken))
        {
            await events.RecordAsync(new SecurityEvent("incidents.assessment.sign-off", AuditOutcome.Denied) { ResourceType = "breach-assessment", ResourceId = assessmentId.ToString() }, cancellationToken);
            throw new InvalidRequestException(SegregationOfDuties.Field, "Only the Privacy Officer can sign off a breach determination (45 CFR 164.530(a)).");
        }

        if (assessment.IsSigned)
        {
            throw new InvalidRequestException(SegregationOfDuties.Field, $"Version {assessment.Version} was signed by {assessment.SignedByName} and cannot change; write a new version to revise it.");
        }

        var newer = await db.Set<BreachAssessment>().AnyAsync(a => a.IncidentId == assessment.IncidentId && a.Version > assessment.Version, cancellationToken);
        if (newer)
        {
            throw new InvalidRequestException(SegregationOfDuties.Field, $"A newer version than {assessment.Version} exists; sign off the latest one.");
        }

        var incident = await IncidentCase.FindAsync(db, assessment.IncidentId, cancellationToken);
        var now = time.GetUtcNow();
        assessment.SignOff(signer.Id, signer.DisplayName, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.Assessment, $"Breach assessment version {assessment.Version} signed off: {IncidentTerms.Name(assessment.Outcome)}.", signer, now);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(new SecurityEvent("incidents.assessment.sign-off", AuditOutcome.Succeeded) { ResourceType = "breach-assessment", ResourceId = assessmentId.ToString() }, cancellationToken);
        return assessment.ToView();
    }

    private async Task<bool> IsPrivacyOfficerAsync(Actor signer, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(signer.Id, out var userId))
        {
            return false;
        }

        var effective = await permissions.ResolveAsync(userId, cancellationToken);
        if (effective.Roles.Contains(BuiltInRoles.PrivacyOfficer, StringComparer.Ordinal))
        {
            return true;
        }

        var designated = await officers.CurrentAsync(OfficerRole.PrivacyOfficer, cancellationToken);
        if (designated is null || !effective.Permissions.Contains(Permissions.IncidentsManage))
        {
            return false;
        }

        var email = designated.Email.Trim().ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.Id == userId && u.NormalizedEmail == email, cancellationToken);
    }
}
