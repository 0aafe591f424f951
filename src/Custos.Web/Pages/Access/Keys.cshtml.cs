using Custos.Platform.Authorization;
using Custos.Platform.Identity.ApiKeys;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

[RequirePermission(Permissions.KeysManage)]
[RequireStepUp]
public sealed class KeysModel(ListApiKeys list, CreateApiKey create, RotateApiKey rotate, RevokeApiKey revoke) : PageModel
{
    [BindProperty]
    public KeyInput Input { get; set; } = new();

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    /// <summary>A key just issued: rendered in this response only, never put in TempData (a cookie) or a URL.</summary>
    public IssuedApiKey? Issued { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await list.HandleAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Issued = await create.HandleAsync(new CreateApiKeyCommand(Input.Name ?? string.Empty, Input.Scopes, Input.ExpiresInDays), cancellationToken);
            Input = new KeyInput();
            ModelState.Clear();
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
        }

        Keys = await list.HandleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, int? overlapHours, CancellationToken cancellationToken)
    {
        try
        {
            Issued = await rotate.HandleAsync(new RotateApiKeyCommand(id, overlapHours), cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix: string.Empty);
        }

        Keys = await list.HandleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var key = await revoke.HandleAsync(id, cancellationToken);
            TempData["Status"] = $"The key {key.Prefix} ({key.Name}) is revoked: it is refused from now on.";
            return Redirect("/access/keys");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix: string.Empty);
        }

        Keys = await list.HandleAsync(cancellationToken);
        return Page();
    }

    public sealed class KeyInput
    {
        public string? Name { get; set; }

        public List<string> Scopes { get; set; } = [];

        public int? ExpiresInDays { get; set; } = ApiKeyRules.DefaultLifetimeDays;
    }
}
