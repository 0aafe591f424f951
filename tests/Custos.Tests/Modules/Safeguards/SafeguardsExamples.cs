using Custos.Modules.Evidence;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Safeguards;

/// <summary>Steps the Safeguards and Evidence tests share, each through the real handlers.</summary>
internal static class SafeguardsExamples
{
    /// <summary>164.308(a)(1)(ii)(A) Risk analysis: a Required specification.</summary>
    public const string RiskAnalysis = "164.308(a)(1)(ii)(A)";

    /// <summary>164.312(a)(2)(iv) Encryption and decryption: an Addressable specification.</summary>
    public const string Encryption = "164.312(a)(2)(iv)";

    /// <summary>164.312(a)(1) Access control: a standard with four specifications.</summary>
    public const string AccessControl = "164.312(a)(1)";

    public static Task<ImplementationState> ImplementAsync(TestDatabase db, string key, ImplementationStatus status = ImplementationStatus.Implemented, string? reason = null) =>
        db.RunAsync<UpdateImplementation, ImplementationState>((h, ct) => h.HandleAsync(
            new UpdateImplementationCommand(key, status, reason, "Elena Sokolova", "Described in the security plan.", null), ct));

    public static Task<ImplementationState> DecideAsync(TestDatabase db, string key, AddressableDecision decision, string? justification = null, string? alternative = null, string? finding = null) =>
        db.RunAsync<RecordAddressableDecision, ImplementationState>((h, ct) => h.HandleAsync(
            new RecordAddressableDecisionCommand(key, decision, justification, alternative, finding), ct));

    public static async Task<EvidenceView> AddNoteAsync(TestDatabase db, string key, DateOnly effectiveFrom, Guid? supersedes = null, string title = "Risk analysis sign-off") =>
        await db.RunAsync<AddEvidence, EvidenceView>((h, ct) => h.HandleAsync(
            new AddEvidenceCommand(EvidenceKind.Note, title, [key], effectiveFrom, Description: "Signed by leadership.", Supersedes: supersedes), ct));

    public static async Task<EvidenceView> AddFileAsync(TestDatabase db, string key, byte[] content, DateOnly effectiveFrom, string name = "risk-analysis.pdf") =>
        await db.RunAsync<AddEvidence, EvidenceView>((h, ct) => h.HandleAsync(
            new AddEvidenceCommand(EvidenceKind.File, "Risk analysis report", [key], effectiveFrom, Content: new MemoryStream(content), FileName: name, ContentType: "application/pdf"), ct));

    public static async Task<EvidenceView> ApproveAsync(TestDatabase db, Guid evidenceId)
    {
        await db.RunAsync<ReviewEvidence, EvidenceView>((h, ct) => h.HandleAsync(new ReviewEvidenceCommand(evidenceId, EvidenceReviewAction.Submit), ct));
        return await db.RunAsync<ReviewEvidence, EvidenceView>((h, ct) => h.HandleAsync(new ReviewEvidenceCommand(evidenceId, EvidenceReviewAction.Approve, "Looks complete."), ct));
    }

    public static async Task<RequirementRow> RowAsync(TestDatabase db, string key, DateOnly? asOf = null) =>
        (await db.RunAsync<GetRequirement, RequirementDetail>((h, ct) => h.HandleAsync(key, asOf, ct))).Row;
}
