using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Custos.Web.TagHelpers;

/// <summary>
/// Marks a form field that failed validation so that sighted users (red outline) and screen-reader users
/// (aria-invalid, aria-describedby pointing at the message) learn the same thing.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldStateTagHelper : FieldTagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var fullName = FullName(For);
        var id = TagBuilder.CreateSanitizedId(fullName, "_");
        var describedBy = new List<string>();
        if (output.Attributes.TryGetAttribute("aria-describedby", out var existing) && existing.Value?.ToString() is { Length: > 0 } value)
        {
            describedBy.Add(value);
        }

        if (ViewContext.ViewData.ModelState.TryGetValue(fullName, out var entry) && entry.Errors.Count > 0)
        {
            output.AddClass("is-invalid", System.Text.Encodings.Web.HtmlEncoder.Default);
            output.Attributes.SetAttribute("aria-invalid", "true");
            describedBy.Add(id + "-error");
        }

        if (describedBy.Count > 0)
        {
            output.Attributes.SetAttribute("aria-describedby", string.Join(' ', describedBy));
        }
    }
}

/// <summary>Gives a field's validation message the id its field points to, and the styling of an error.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : FieldTagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(FullName(For), "_") + "-error");
        output.AddClass("invalid-feedback", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.AddClass("d-block", System.Text.Encodings.Web.HtmlEncoder.Default);
    }
}

/// <summary>What the field tag helpers share: they run after the framework's own, and know the field's full name.</summary>
public abstract class FieldTagHelper : TagHelper
{
    // Runs after the framework's tag helpers have set id and name.
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The name the field posts under, with any partial's prefix ("Input.MainContact.Email").</summary>
    protected string FullName(ModelExpression field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name);
    }
}
