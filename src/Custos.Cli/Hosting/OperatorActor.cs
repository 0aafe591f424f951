using Custos.Platform.Identity;

namespace Custos.Cli.Hosting;

/// <summary>
/// Whoever runs the command is the actor: changes made from the CLI are recorded as operator actions under the OS
/// user name, never as the anonymous system.
/// </summary>
internal sealed class OperatorActor(Actor actor) : ICurrentActor
{
    public Actor Actor { get; } = actor;

    public static OperatorActor FromEnvironment()
    {
        var userName = Environment.UserName;
        if (string.IsNullOrWhiteSpace(userName))
        {
            userName = "unknown-operator";
        }

        return new OperatorActor(new Actor(ActorKind.Operator, userName, $"{userName} (custos CLI)"));
    }
}
