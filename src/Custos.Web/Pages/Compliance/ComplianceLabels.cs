using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;

namespace Custos.Web.Pages.Compliance;

/// <summary>Words the compliance pages show for the Safeguards and Evidence terms.</summary>
public static class ComplianceLabels
{
    public static string For(RequirementFamily family) => family switch
    {
        RequirementFamily.Administrative => "Administrative",
        RequirementFamily.Physical => "Physical",
        RequirementFamily.Technical => "Technical",
        RequirementFamily.Organizational => "Organizational",
        RequirementFamily.Documentation => "Documentation",
        RequirementFamily.Privacy => "Privacy",
        _ => "Breach notification",
    };

    public static string For(ImplementationStatus status) => status switch
    {
        ImplementationStatus.NotAssessed => "Not assessed",
        ImplementationStatus.Planned => "Planned",
        ImplementationStatus.PartiallyImplemented => "Partially implemented",
        ImplementationStatus.Implemented => "Implemented",
        _ => "Not applicable",
    };

    public static string For(AddressableDecision decision) => decision switch
    {
        AddressableDecision.Implemented => "Implemented (reasonable and appropriate)",
        AddressableDecision.AlternativeMeasure => "Not reasonable and appropriate: equivalent alternative implemented",
        _ => "Not reasonable and appropriate: no reasonable alternative",
    };

    public static string For(ComplianceVerdict compliance) => compliance switch
    {
        ComplianceVerdict.Met => "Met",
        ComplianceVerdict.NotMet => "Not met",
        _ => "Not applicable",
    };

    public static string Badge(ComplianceVerdict compliance) => compliance switch
    {
        ComplianceVerdict.Met => "text-bg-success",
        ComplianceVerdict.NotMet => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    public static string For(EvidenceReviewState state) => state switch
    {
        EvidenceReviewState.InReview => "In review",
        _ => state.ToString(),
    };

    public static string TypeOf(RequirementRow row) => row.Kind == RequirementKind.Standard
        ? "Standard"
        : row.Required switch { true => "Required", false => "Addressable", _ => "Specification" };

    public static string LinkTo(string key) => "/compliance/requirement?key=" + Uri.EscapeDataString(key);
}
