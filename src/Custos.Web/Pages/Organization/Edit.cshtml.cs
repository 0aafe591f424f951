using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Organization;

[Custos.Web.Hosting.RequirePermission(Custos.Platform.Authorization.Permissions.OrganizationManage)]
public sealed class EditModel(GetOrganizationProfile getProfile, UpdateOrganizationProfile updateProfile) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var profile = (await getProfile.HandleAsync(cancellationToken)).Profile;
        if (profile is not null)
        {
            Input = new ProfileInput
            {
                LegalName = profile.LegalName,
                EntityType = profile.EntityType,
                Address = AddressInput.From(profile.Address),
                MainContact = ContactInput.From(profile.MainContact),
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Binding problems (a tampered select value) are shown like any other field error.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await updateProfile.HandleAsync(
                new UpdateOrganizationProfileCommand(
                    Input.LegalName ?? string.Empty,
                    Input.EntityType ?? (EntityType)(-1),
                    Input.Address.ToAddress(),
                    Input.MainContact.ToContact()),
                cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }

        TempData["Status"] = "Organization profile saved.";
        return Redirect("/organization");
    }

    public sealed class ProfileInput
    {
        public string? LegalName { get; set; }

        public EntityType? EntityType { get; set; }

        public AddressInput Address { get; set; } = new();

        public ContactInput MainContact { get; set; } = new();
    }

    public sealed class AddressInput
    {
        public string? Line1 { get; set; }

        public string? Line2 { get; set; }

        public string? City { get; set; }

        public string? Region { get; set; }

        public string? PostalCode { get; set; }

        public string? Country { get; set; } = "United States";

        public static AddressInput From(PostalAddress a) =>
            new() { Line1 = a.Line1, Line2 = a.Line2, City = a.City, Region = a.Region, PostalCode = a.PostalCode, Country = a.Country };

        public PostalAddress ToAddress() =>
            new(Line1 ?? string.Empty, Line2, City ?? string.Empty, Region ?? string.Empty, PostalCode ?? string.Empty, Country ?? string.Empty);
    }
}
