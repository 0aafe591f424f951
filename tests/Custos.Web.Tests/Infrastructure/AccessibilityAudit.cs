using Microsoft.Playwright;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>Collects a page's serious and critical axe violations at each named step, with a screenshot, for one assertion at the end of a journey.</summary>
public sealed class AccessibilityAudit(IPage page)
{
    private readonly List<string> violations = [];

    public IReadOnlyList<string> Violations => violations;

    public async Task CheckAsync(string step)
    {
        violations.AddRange((await Browser.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{step}: {v}"));
        await Browser.ScreenshotAsync(page, step);
    }
}
