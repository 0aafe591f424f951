using Custos.Modules.Organization;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages;

public sealed class IndexModel(GetSetupStatus getStatus, GetOrganizationProfile getProfile, SummarizeCustomers summarizeCustomers, Custos.Modules.Safeguards.GetPosture getPosture) : PageModel
{
    public SetupStatus Status { get; private set; } = new([]);

    public OrganizationOverview Overview { get; private set; } = new(null, null, null);

    public CustomerSummary Customers { get; private set; } = new(0, null, []);

    /// <summary>The HIPAA posture summary, for users who may see it (compliance.read).</summary>
    public Custos.Modules.Safeguards.Posture? Posture { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.HasPermission(Custos.Platform.Authorization.Permissions.ComplianceRead))
        {
            Posture = await getPosture.HandleAsync(null, cancellationToken);
        }

        Status = await getStatus.HandleAsync(cancellationToken);
        Overview = await getProfile.HandleAsync(cancellationToken);
        Customers = await summarizeCustomers.HandleAsync(cancellationToken);
    }

    /// <summary>Where each setup check is fixed.</summary>
    public static string LinkFor(string checkKey) => checkKey switch
    {
        GetSetupStatus.ProfileKey => "/organization/edit",
        GetSetupStatus.PrivacyOfficerKey => "/organization/officers?role=PrivacyOfficer#designate",
        GetSetupStatus.SecurityOfficerKey => "/organization/officers?role=SecurityOfficer#designate",
        GetSetupStatus.CustomersKey => "/organization/customers/new",
        _ => "/",
    };
}
