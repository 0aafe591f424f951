using Microsoft.AspNetCore.Authorization;

namespace Custos.Web.Hosting;

/// <summary>
/// The one way to make a page or endpoint reachable without signing in. Every route requires an authenticated user
/// by default (fallback policy); this attribute is the explicit, named opt-out, and a test enumerates every
/// endpoint to prove that nothing else is anonymous.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicAccessAttribute(string reason) : Attribute, IAllowAnonymous
{
    /// <summary>Why this route must be reachable by anyone.</summary>
    public string Reason { get; } = reason;
}

internal static class PublicAccessExtensions
{
    public static TBuilder AllowPublicAccess<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicAccessAttribute(reason));
}
