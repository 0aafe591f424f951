using System.Security.Claims;
using Custos.Platform.Authorization;
using Custos.Platform.Identity.Users;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Access;

/// <summary>
/// User accounts (45 CFR 164.308(a)(3)(ii)(B)-(C) and (a)(4)(ii)(B)-(C): authorization, access establishment and
/// modification, termination): who has access and with which roles, searchable; with users.manage and a fresh second
/// factor, create an account (a one-time activation link), change its roles, disable it, or reset a lost second factor.
/// </summary>
[RequirePermission(Permissions.UsersRead)]
public sealed class UsersModel(ListUsers list, ListCustomRoles customRoles) : PageModel
{
    /// <summary>Users per page.</summary>
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public int MatchingCount { get; private set; }

    public int PageCount => Math.Max(1, (MatchingCount + PageSize - 1) / PageSize);

    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    /// <summary>An account just created: its one-time link is rendered in this response only, never stored or put in a URL.</summary>
    public CreatedUser? Created { get; private set; }

    public bool CanManage => User.HasPermission(Permissions.UsersManage);

    /// <summary>The signed-in person: their own row offers no actions (segregation of duties; no locking oneself out).</summary>
    public Guid? CurrentUserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateUser create, CancellationToken cancellationToken)
    {
        if (this.RefuseChange(Permissions.UsersManage) is { } refusal)
        {
            return refusal;
        }

        try
        {
            DateTimeOffset? endsAt = Input.AccessEndsAt is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
            Created = await create.HandleAsync(new CreateUserCommand(Input.Email ?? string.Empty, Input.DisplayName ?? string.Empty, Input.Role ?? string.Empty, endsAt), cancellationToken);
            Input = new NewUserInput();
            ModelState.Clear();
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, List<string> roles, [FromServices] ChangeUserRoles change, CancellationToken cancellationToken) =>
        await ActAsync(async () =>
        {
            var changed = await change.HandleAsync(new ChangeUserRolesCommand(id.ToString(), roles), cancellationToken);
            return $"{changed.Email} now holds: {string.Join(", ", changed.Roles)}. Their sessions take the new permissions at their next request.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(Guid id, [FromServices] DisableUser disable, CancellationToken cancellationToken) =>
        await ActAsync(async () =>
        {
            var disabled = await disable.HandleAsync(id.ToString(), cancellationToken);
            return $"{disabled.Email} is disabled: no sign-in, no permissions, and their sessions are rejected. The account and its history are kept.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostResetMfaAsync(Guid id, [FromServices] ResetMfa reset, CancellationToken cancellationToken) =>
        await ActAsync(async () =>
        {
            var done = await reset.HandleAsync(id.ToString(), cancellationToken);
            return $"Every second factor of {done.Email} is removed; they set up a new one at their next sign-in, and their sessions have ended.";
        }, cancellationToken);

    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken cancellationToken)
    {
        if (this.RefuseChange(Permissions.UsersManage) is { } refusal)
        {
            return refusal;
        }

        try
        {
            TempData["Status"] = await action();
            return Redirect("/access/users");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid, prefix: string.Empty);
        }
        catch (RecordNotFoundException)
        {
            ModelState.AddModelError(string.Empty, "That user no longer exists; the list below is current.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }


    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await list.HandleAsync(cancellationToken);
        var search = Search?.Trim();
        var matching = string.IsNullOrEmpty(search)
            ? all
            : all.Where(u => u.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
                || u.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase)
                || u.Roles.Any(r => r.Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
        MatchingCount = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Users = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        RoleNames = [.. BuiltInRoles.All.Select(r => r.Name), .. (await customRoles.HandleAsync(cancellationToken)).Select(r => r.Name)];
    }

    public sealed class NewUserInput
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; } = BuiltInRoles.WorkforceMember;

        public DateOnly? AccessEndsAt { get; set; }
    }
}
