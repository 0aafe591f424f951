using Custos.Platform.Security;

namespace Custos.Web.Hosting;

/// <summary>The client address, user agent and trace identifier of the current HTTP request.</summary>
internal sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    private const int MaxUserAgentLength = 256;
    private readonly string fallbackCorrelationId = Guid.NewGuid().ToString("N");

    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var agent = accessor.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent.Length <= MaxUserAgentLength ? agent : agent[..MaxUserAgentLength];
        }
    }

    public string CorrelationId => accessor.HttpContext?.TraceIdentifier ?? fallbackCorrelationId;
}
