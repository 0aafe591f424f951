using Custos.Platform.Validation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Custos.Web.Pages;

internal static class PageErrors
{
    /// <summary>Shows a handler's field errors next to the fields of the page's input model.</summary>
    public static void AddRequestErrors(this ModelStateDictionary modelState, InvalidRequestException invalid, string prefix = "Input")
    {
        foreach (var (field, messages) in invalid.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
