namespace Custos.Web.Hosting;

/// <summary>
/// Marks a page, handler class or endpoint as sensitive: the caller must have passed an MFA check within the last
/// few minutes (step-up re-authentication), or is sent to re-authenticate first.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireStepUpAttribute : Attribute;

internal static class StepUpExtensions
{
    public static TBuilder RequireStepUp<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequireStepUpAttribute());
}
