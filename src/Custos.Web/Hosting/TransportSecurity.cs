using System.Net;
using Custos.Platform;

namespace Custos.Web.Hosting;

/// <summary>
/// Custos carries passwords and PHI: plain HTTP is allowed only on loopback, or behind a TLS-terminating proxy the
/// operator declares (45 CFR 164.312(e)(1), transmission security).
/// </summary>
internal static class TransportSecurity
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string BehindTlsProxyKey = "Custos:Hosting:BehindTlsProxy";
    public const string KnownProxiesKey = "Custos:Hosting:KnownProxies";

    /// <summary>The addresses Kestrel will bind, from the same settings Kestrel reads.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                urls.Add(url);
            }
        }

        if (urls.Count == 0)
        {
            var configured = configuration["urls"] ?? configuration["http_ports"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                urls.AddRange(configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return urls;
    }

    /// <summary>Throws when a URL would serve plain HTTP beyond this machine and no TLS proxy is declared.</summary>
    public static void EnsureAllowed(IEnumerable<string> urls, bool behindTlsProxy)
    {
        if (behindTlsProxy)
        {
            return;
        }

        foreach (var url in urls)
        {
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(url))
            {
                throw new CustosConfigurationException(
                    "urls",
                    $"Custos refuses to serve plain HTTP on the non-loopback address {url}: passwords and PHI would cross the network " +
                    $"unencrypted. Serve HTTPS (Kestrel:Endpoints with a certificate), bind to localhost, or, behind a TLS-terminating " +
                    $"reverse proxy, set {BehindTlsProxyKey}=true (and {KnownProxiesKey} to the proxy's address).");
            }
        }
    }

    /// <summary>
    /// Cookie settings for the addresses served. Where every request arrives over TLS (HTTPS endpoints, or a declared
    /// TLS proxy), cookies are always Secure and carry the __Host- prefix. Where plain HTTP is served, which
    /// <see cref="EnsureAllowed"/> limits to loopback, cookies are Secure on every HTTPS request and plain on the
    /// loopback HTTP ones (the __Host- prefix would make browsers drop them there).
    /// </summary>
    public static CookieSettings CookieSettingsFor(IEnumerable<string> urls, bool behindTlsProxy)
    {
        var tlsOnly = behindTlsProxy || urls.All(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        return tlsOnly
            ? new CookieSettings(CookieSecurePolicy.Always, "__Host-custos", "__Host-custos-af")
            : new CookieSettings(CookieSecurePolicy.SameAsRequest, "custos.session", "custos.antiforgery");
    }

    public static bool IsLoopback(string url)
    {
        var afterScheme = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string host;
        if (afterScheme.StartsWith('['))
        {
            host = afterScheme[1..afterScheme.IndexOf(']', StringComparison.Ordinal)];
        }
        else
        {
            var end = afterScheme.IndexOfAny([':', '/']);
            host = end < 0 ? afterScheme : afterScheme[..end];
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}

internal sealed record CookieSettings(CookieSecurePolicy SecurePolicy, string SessionCookieName, string AntiforgeryCookieName);
