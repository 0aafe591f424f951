using System.Diagnostics;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages;

[PublicAccess("The error page must render for any failure, including before sign-in.")]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "Custos could not complete the request. Nothing was saved. Try again in a moment.";

    public bool ShowTraceId { get; private set; } = true;

    public string TraceId { get; private set; } = string.Empty;

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Explanation = "There is no page at this address. Check the link, or start from the dashboard.";
            ShowTraceId = false;
        }
        else if (status is >= 400 and < 500)
        {
            Title = "The request could not be handled";
            Explanation = "The browser sent a request Custos could not accept. Go back and try again.";
            ShowTraceId = false;
        }
    }
}
