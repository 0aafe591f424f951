using System.Net;
using System.Text.RegularExpressions;
using Custos.Platform.Authorization;
using Custos.Web.Hosting;
using Custos.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

/// <summary>
/// Custos's own RBAC matrix as a specification: every page and endpoint, every built-in role, allowed or denied.
/// The table below is the intended access; the test signs in one user per role and asks every route.
/// </summary>
public sealed partial class RoleMatrixTests
{
    private const string SignedIn = "(any signed-in user)";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>What each route requires, by "METHOD route". A new route must be added here: that is the decision.</summary>
    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["GET "] = SignedIn,
        ["POST "] = SignedIn,
        ["GET access/users"] = Permissions.UsersRead,
        ["POST access/users"] = Permissions.UsersRead,
        ["GET access/roles"] = Permissions.UsersRead,
        ["POST access/roles"] = Permissions.UsersRead,
        ["GET access/approvals"] = Permissions.ElevationApprove,
        ["POST access/approvals"] = Permissions.ElevationApprove,
        ["GET access/break-glass"] = Permissions.BreakGlass,
        ["POST access/break-glass"] = Permissions.BreakGlass,
        ["GET access/elevation"] = Permissions.ElevationRequest,
        ["POST access/elevation"] = Permissions.ElevationRequest,
        ["GET access/keys"] = Permissions.KeysManage,
        ["POST access/keys"] = Permissions.KeysManage,
        ["GET account/passkeys"] = SignedIn,
        ["POST account/passkeys"] = SignedIn,
        ["GET notifications"] = SignedIn,
        ["POST notifications"] = SignedIn,
        ["GET api/v1/elevations"] = SignedIn,
        ["POST api/v1/elevations"] = Permissions.ElevationRequest,
        ["POST api/v1/elevations/break-glass"] = Permissions.BreakGlass,
        ["POST api/v1/elevations/{id:guid}/decision"] = Permissions.ElevationApprove,
        ["POST api/v1/elevations/{id:guid}/review"] = Permissions.ElevationApprove,
        ["GET api/v1/notifications"] = SignedIn,
        ["GET api/v1/keys"] = Permissions.KeysManage,
        ["POST api/v1/keys"] = Permissions.KeysManage,
        ["POST api/v1/keys/{id:guid}/rotate"] = Permissions.KeysManage,
        ["DELETE api/v1/keys/{id:guid}"] = Permissions.KeysManage,
        ["GET phi/scan"] = Permissions.PhiScan,
        ["POST phi/scan"] = Permissions.PhiScan,
        ["POST api/v1/phi/scan"] = Permissions.PhiScan,
        ["POST api/v1/phi/reidentify"] = Permissions.PhiReidentify,
        ["GET phi/reidentify"] = Permissions.PhiReidentify,
        ["POST phi/reidentify"] = Permissions.PhiReidentify,
        ["GET audit"] = Permissions.AuditRead,
        ["POST audit"] = Permissions.AuditRead,
        ["GET audit/alerts"] = Permissions.AuditRead,
        ["POST audit/alerts"] = Permissions.AuditRead,
        ["GET audit/integrity"] = Permissions.AuditRead,
        ["POST audit/integrity"] = Permissions.AuditRead,
        ["GET api/v1/audit/alerts"] = Permissions.AuditRead,
        ["GET api/v1/audit/checkpoints"] = Permissions.AuditRead,
        ["GET api/v1/audit/archives"] = Permissions.AuditRead,
        ["GET api/v1/audit/checkpoints/latest"] = Permissions.AuditRead,
        ["GET api/v1/audit/consistency"] = Permissions.AuditRead,
        ["GET api/v1/audit/entries"] = Permissions.AuditRead,
        ["GET api/v1/audit/entries/{seq:long}"] = Permissions.AuditRead,
        ["GET api/v1/audit/entries/{seq:long}/proof"] = Permissions.AuditRead,
        ["GET api/v1/audit/export"] = Permissions.AuditExport,
        ["GET api/v1/audit/public-key"] = Permissions.AuditRead,
        ["GET api/v1/audit/status"] = Permissions.AuditRead,
        ["GET api/v1/audit/verifications"] = Permissions.AuditRead,
        ["POST api/v1/audit/alerts/{id:long}/acknowledge"] = Permissions.AuditManage,
        ["POST api/v1/audit/checkpoints"] = Permissions.AuditManage,
        ["POST api/v1/audit/verifications"] = Permissions.AuditManage,
        ["GET account/access-denied"] = SignedIn,
        ["POST account/access-denied"] = SignedIn,
        ["GET account/recovery-codes"] = SignedIn,
        ["POST account/recovery-codes"] = SignedIn,
        ["GET account/security"] = SignedIn,
        ["POST account/security"] = SignedIn,
        ["GET account/sessions"] = SignedIn,
        ["POST account/sessions"] = SignedIn,
        ["GET account/step-up"] = SignedIn,
        ["POST account/step-up"] = SignedIn,
        ["GET api/v1/openapi.json"] = SignedIn,
        ["GET api/v1/organization"] = Permissions.OrganizationRead,
        ["PUT api/v1/organization"] = Permissions.OrganizationManage,
        ["GET api/v1/organization/officers"] = Permissions.OrganizationRead,
        ["POST api/v1/organization/officers"] = Permissions.OrganizationManage,
        ["GET api/v1/organization/customers"] = Permissions.OrganizationRead,
        ["POST api/v1/organization/customers"] = Permissions.OrganizationManage,
        ["GET api/v1/organization/customers/{id:guid}"] = Permissions.OrganizationRead,
        ["PUT api/v1/organization/customers/{id:guid}"] = Permissions.OrganizationManage,
        ["DELETE api/v1/organization/customers/{id:guid}"] = Permissions.OrganizationManage,
        ["GET incidents"] = Permissions.IncidentsRead,
        ["POST incidents"] = Permissions.IncidentsRead,
        ["GET incidents/report"] = Permissions.IncidentsReport,
        ["POST incidents/report"] = Permissions.IncidentsReport,
        // The case page is read-level; each change handler also requires incidents.manage.
        ["GET incidents/{id:guid}"] = Permissions.IncidentsRead,
        ["POST incidents/{id:guid}"] = Permissions.IncidentsRead,
        ["GET incidents/{id:guid}/notices/{kind}"] = Permissions.IncidentsRead,
        ["POST incidents/{id:guid}/notices/{kind}"] = Permissions.IncidentsRead,
        ["GET incidents/register"] = Permissions.IncidentsRead,
        ["POST incidents/register"] = Permissions.IncidentsRead,
        ["GET api/v1/incidents"] = Permissions.IncidentsRead,
        ["POST api/v1/incidents"] = Permissions.IncidentsReport,
        ["GET api/v1/incidents/{id:guid}"] = Permissions.IncidentsRead,
        ["GET api/v1/incidents/{id:guid}/obligations"] = Permissions.IncidentsRead,
        ["POST api/v1/incidents/{id:guid}/obligations"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/{id:guid}/status"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/{id:guid}/affected-counts"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/{id:guid}/assessments"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/assessments/{id:guid}/sign-off"] = Permissions.IncidentsManage,
        ["GET incidents/{id:guid}/facts"] = Permissions.IncidentsManage,
        ["POST incidents/{id:guid}/facts"] = Permissions.IncidentsManage,
        ["PUT api/v1/incidents/{id:guid}/facts"] = Permissions.IncidentsManage,
        // Needs incidents.manage as well; every built-in role with one holds the other (tested in IncidentFactsApiTests).
        ["PUT api/v1/incidents/{id:guid}/details"] = Permissions.IncidentsPhiRead,
        ["GET api/v1/incidents/owner-candidates"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/{id:guid}/owner"] = Permissions.IncidentsManage,
        ["POST api/v1/incidents/{id:guid}/law-enforcement-delay"] = Permissions.IncidentsManage,
        ["DELETE api/v1/incidents/{id:guid}/law-enforcement-delay"] = Permissions.IncidentsManage,
        ["GET compliance"] = Permissions.ComplianceRead,
        ["POST compliance"] = Permissions.ComplianceRead,
        ["GET compliance/requirement"] = Permissions.ComplianceRead,

        // The page is read-level; its change handlers also require compliance.manage (tested in CompliancePagesTests).
        ["POST compliance/requirement"] = Permissions.ComplianceRead,
        ["GET api/v1/requirements"] = Permissions.ComplianceRead,
        ["GET api/v1/requirements/export"] = Permissions.ComplianceRead,
        ["POST api/v1/requirements/custom"] = Permissions.ComplianceManage,
        ["POST api/v1/requirements/custom/import"] = Permissions.ComplianceManage,
        ["GET api/v1/requirements/{citation}"] = Permissions.ComplianceRead,
        ["PUT api/v1/requirements/{citation}/implementation"] = Permissions.ComplianceManage,
        ["POST api/v1/requirements/{citation}/decision"] = Permissions.ComplianceManage,
        ["POST api/v1/requirements/{citation}/links"] = Permissions.ComplianceManage,
        ["GET api/v1/evidence"] = Permissions.ComplianceRead,
        ["POST api/v1/evidence"] = Permissions.ComplianceManage,
        ["GET api/v1/evidence/{id:guid}"] = Permissions.ComplianceRead,
        ["GET api/v1/evidence/{id:guid}/file"] = Permissions.ComplianceRead,
        ["POST api/v1/evidence/{id:guid}/review"] = Permissions.ComplianceManage,
        ["GET api/v1/audit-packet"] = Permissions.ComplianceRead,
        ["GET api/v1/catalog/profiles"] = Permissions.ComplianceRead,
        ["PUT api/v1/catalog/profiles/{id}"] = Permissions.ComplianceManage,
        ["GET api/v1/catalog/upgrade-reports"] = Permissions.ComplianceRead,
        ["POST api/v1/catalog/upgrade-reports/{id:guid}/dismiss"] = Permissions.ComplianceManage,
        ["GET compliance/catalog-upgrades"] = Permissions.ComplianceRead,
        ["POST compliance/catalog-upgrades"] = Permissions.ComplianceRead,

        // Streamed evidence upload from the requirement page's form (it checks the antiforgery token itself).
        ["GET compliance/evidence/upload"] = Permissions.ComplianceManage,
        ["POST compliance/evidence/upload"] = Permissions.ComplianceManage,
        ["GET organization"] = Permissions.OrganizationRead,
        ["POST organization"] = Permissions.OrganizationRead,
        ["GET organization/edit"] = Permissions.OrganizationManage,
        ["POST organization/edit"] = Permissions.OrganizationManage,
        ["GET organization/officers"] = Permissions.OrganizationRead,
        // The page is read-level; its designation handler also requires organization.manage (tested below with a valid form).
        ["POST organization/officers"] = Permissions.OrganizationRead,
        ["GET organization/customers"] = Permissions.OrganizationRead,
        ["POST organization/customers"] = Permissions.OrganizationRead,
        ["GET organization/customers/new"] = Permissions.OrganizationManage,
        ["POST organization/customers/new"] = Permissions.OrganizationManage,
        ["GET organization/customers/{id:guid}"] = Permissions.OrganizationManage,
        ["POST organization/customers/{id:guid}"] = Permissions.OrganizationManage,
        ["GET organization/customers/{id:guid}/remove"] = Permissions.OrganizationManage,
        ["POST organization/customers/{id:guid}/remove"] = Permissions.OrganizationManage,
    };

    [Fact]
    public async Task Every_route_is_in_the_matrix_and_every_matrix_entry_is_a_route()
    {
        await using var app = new CustosWebFactory();

        var routes = ProtectedRoutes(app).Select(r => r.Key).Distinct().Order(StringComparer.Ordinal).ToList();

        routes.Except(Required.Keys).ShouldBeEmpty("add these routes to the matrix with the permission they need");
        Required.Keys.Except(routes).ShouldBeEmpty("these matrix entries match no route any more");
        Required.Values.Where(v => v != SignedIn).ShouldAllBe(p => Permissions.IsKnown(p));
    }

    [Fact]
    public async Task Each_built_in_role_reaches_exactly_the_routes_its_permissions_allow()
    {
        await using var app = new CustosWebFactory();
        app.Settings[RateLimits.AuthenticationKey] = "1000";
        app.Settings[RateLimits.ApiKey] = "100000";
        await app.CreateAdministratorClientAsync();
        var mismatches = new List<string>();
        var checkedCount = 0;

        foreach (var role in BuiltInRoles.All)
        {
            var (client, _) = await app.SignInAsNewUserAsync($"{role.Name.Replace(' ', '.').ToLowerInvariant()}@custos.example", role.Name);
            foreach (var (key, path, method) in ProtectedRoutes(app))
            {
                if (!Required.TryGetValue(key, out var permission))
                {
                    continue; // reported by the other test
                }

                var expectAllowed = permission == SignedIn || role.Permissions.Contains(permission);
                var allowed = await IsAllowedAsync(client, method, path);
                checkedCount++;
                if (allowed != expectAllowed)
                {
                    mismatches.Add($"{role.Name}: {key} was {(allowed ? "allowed" : "denied")}, expected {(expectAllowed ? "allowed" : "denied")}");
                }
            }
        }

        checkedCount.ShouldBeGreaterThan(BuiltInRoles.All.Count * 30);
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_user_who_may_only_read_the_organization_cannot_designate_an_officer()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        var page = await client.GetStringAsync("/organization/officers", Ct);
        page.ShouldNotContain("Designate an officer");

        var response = await client.PostAsync("/organization/officers", Forms.Encode(page, new Dictionary<string, string>
        {
            ["Input.Role"] = "PrivacyOfficer",
            ["Input.EffectiveOn"] = "2026-03-02",
            ["Input.Person.Name"] = "Eve Engineer",
            ["Input.Person.Email"] = "engineer@custos.example",
        }), Ct);

        response.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        (await client.GetStringAsync("/organization/officers", Ct)).ShouldNotContain("Eve Engineer");
    }

    private static async Task<bool> IsAllowedAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, Ct);
        response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, $"{method} {path}: the session must still be valid");
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return false;
        }

        return !(response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Key, string Path, string Method)> ProtectedRoutes(CustosWebFactory app)
    {
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null);
        foreach (var endpoint in endpoints)
        {
            var route = (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
            if (route is "account/sign-out")
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
            {
                // A value that satisfies the route constraint, so the request reaches authorization rather than a 404.
                var path = "/" + RouteParameter().Replace(route, m => m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());
                yield return ($"{method} {route}", path, method);
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

public sealed class CustomRolePageTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_a_custom_role_and_it_appears_in_the_matrix_and_its_export()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var page = await client.GetStringAsync("/access/roles", Ct);

        var content = new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Forms.AntiforgeryToken(page)),
            new("RoleName", "Support Lead"),
            new("Selected", Permissions.IncidentsRead),
            new("Selected", Permissions.IncidentsReport),
        });
        var saved = await client.PostAsync("/access/roles?handler=Save", content, Ct);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var matrix = await client.GetStringAsync("/access/roles", Ct);
        matrix.ShouldContain("data-role=\"Support Lead\" data-permission=\"incidents.read\" data-allowed=\"true\"");
        matrix.ShouldContain("data-role=\"Support Lead\" data-permission=\"audit.read\" data-allowed=\"false\"");
        (await client.GetStringAsync("/access/roles?handler=Export&format=Csv", Ct)).ShouldContain("Support Lead");
    }

    [Fact]
    public async Task Saving_a_role_with_no_permission_shows_the_error_and_a_user_without_roles_manage_is_refused()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        var page = await admin.GetStringAsync("/access/roles", Ct);
        var empty = await admin.PostAsync("/access/roles?handler=Save", Forms.Encode(page, new Dictionary<string, string> { ["RoleName"] = "Support Lead" }), Ct);
        (await empty.Content.ReadAsStringAsync(Ct)).ShouldContain("Choose at least one permission.");

        var (officer, _) = await app.SignInAsNewUserAsync("sofia@custos.example", BuiltInRoles.SecurityOfficer);
        var officerPage = await officer.GetStringAsync("/access/roles", Ct);
        officerPage.ShouldNotContain("Create or change a custom role");
        var refused = await officer.PostAsync("/access/roles?handler=Save", Forms.Encode(officerPage, new Dictionary<string, string>
        {
            ["RoleName"] = "Support Lead",
            ["Selected"] = Permissions.IncidentsRead,
        }), Ct);
        refused.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task An_administrator_deletes_a_custom_role_nobody_holds_and_is_told_who_holds_one_that_is_kept()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        foreach (var role in new[] { "Support Lead", "Night Desk" })
        {
            var form = await admin.GetStringAsync("/access/roles", Ct);
            (await admin.PostAsync("/access/roles?handler=Save", Forms.Encode(form, new Dictionary<string, string>
            {
                ["RoleName"] = role,
                ["Selected"] = Permissions.IncidentsRead,
            }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await app.SignInAsNewUserAsync("sam@custos.example", "Support Lead");
        var page = await admin.GetStringAsync("/access/roles", Ct);
        page.ShouldContain("Delete a custom role");
        var kept = await admin.PostAsync("/access/roles?handler=Delete", Forms.Encode(page, new Dictionary<string, string> { ["DeleteName"] = "Support Lead" }), Ct);
        var deleted = await admin.PostAsync("/access/roles?handler=Delete", Forms.Encode(page, new Dictionary<string, string> { ["DeleteName"] = "Night Desk" }), Ct);

        kept.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await kept.Content.ReadAsStringAsync(Ct)).ShouldContain("is held by 1 person (sam@custos.example)");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetStringAsync("/access/roles", Ct);
        after.ShouldContain("data-role=\"Support Lead\"");
        after.ShouldNotContain("data-role=\"Night Desk\"");

        var (officer, _) = await app.SignInAsNewUserAsync("sofia@custos.example", BuiltInRoles.SecurityOfficer);
        var officerPage = await officer.GetStringAsync("/access/roles", Ct);
        officerPage.ShouldNotContain("Delete a custom role");
        var refused = await officer.PostAsync("/access/roles?handler=Delete", Forms.Encode(officerPage, new Dictionary<string, string> { ["DeleteName"] = "Support Lead" }), Ct);
        refused.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
    }
}
