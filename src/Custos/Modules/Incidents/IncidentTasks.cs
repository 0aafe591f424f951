using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

public sealed record AddIncidentTaskCommand(IncidentTaskKind Kind, string Title, Guid? OwnerId = null, DateOnly? DueOn = null);

/// <summary>Adds a containment, root-cause or remediation task with an owner and a due date (164.308(a)(6)(ii)).</summary>
public sealed class AddIncidentTask(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task<IncidentTaskView> HandleAsync(Guid id, AddIncidentTaskCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Title));
        if (!Enum.IsDefined(command.Kind))
        {
            throw new InvalidRequestException(nameof(command.Kind), "Choose containment, root cause, remediation or other.");
        }

        if (string.IsNullOrWhiteSpace(command.Title) || command.Title.Length > 300)
        {
            throw new InvalidRequestException(nameof(command.Title), "Say what must be done, in 1 to 300 characters.");
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        string? ownerName = null;
        if (command.OwnerId is { } ownerId)
        {
            ownerName = await db.Users.Where(u => u.Id == ownerId && u.DisabledAt == null).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidRequestException(nameof(command.OwnerId), "Choose an enabled Custos user as the task's owner.");
        }

        var now = time.GetUtcNow();
        var task = new IncidentTask(Guid.CreateVersion7(now), id, command.Kind, command.Title.Trim(), command.OwnerId, ownerName, command.DueOn, now);
        db.Add(task);
        IncidentCase.Log(db, incident, TimelineEntryKind.Task,
            $"Task added ({command.Kind}): {task.Title}" + (ownerName is null ? string.Empty : $", owner {ownerName}") + (command.DueOn is { } due ? $", due {due:yyyy-MM-dd}" : string.Empty) + ".",
            person, now);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentTaskView(task.Id, task.Kind, task.Title, task.OwnerName, task.DueOn, task.CompletedAt);
    }
}

/// <summary>Marks a task done.</summary>
public sealed class CompleteIncidentTask(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var person = IncidentCase.RequirePerson(actor, "Task");
        var task = await db.Set<IncidentTask>().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new RecordNotFoundException("incident task", taskId.ToString());
        if (task.CompletedAt is not null)
        {
            throw new InvalidRequestException("Task", "The task is already done.");
        }

        var incident = await IncidentCase.FindAsync(db, task.IncidentId, cancellationToken);
        var now = time.GetUtcNow();
        task.Complete(now);
        IncidentCase.Log(db, incident, TimelineEntryKind.Task, $"Task done: {task.Title}.", person, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
