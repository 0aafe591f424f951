using Custos.Modules.Incidents.Obligations;
using Custos.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Modules.Incidents;

public static class IncidentsModule
{
    public static IServiceCollection AddIncidentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBreachNotificationRules(configuration);
        services.Configure<IncidentSeverityOptions>(configuration.GetSection(IncidentSeverityOptions.Section));
        services.AddSingleton<SeverityCriteria>();
        services.AddScoped<IncidentAlerts>();
        services.AddScoped<IncidentIntake>();
        services.AddScoped<ReportIncident>();
        services.AddScoped<ReportIncidentAnonymously>();
        services.AddScoped<FollowUpAnonymousReport>();
        services.AddScoped<ListIncidents>();
        services.AddScoped<GetIncident>();
        services.AddScoped<ChangeIncidentStatus>();
        services.AddScoped<ChangeIncidentSeverity>();
        services.AddScoped<AssignIncidentOwner>();
        services.AddScoped<ListIncidentOwnerCandidates>();
        services.AddScoped<AddIncidentNote>();
        services.AddScoped<UpdateIncidentFacts>();
        services.AddScoped<UpdateIncidentDetails>();
        services.AddScoped<ReviseAffectedCounts>();
        services.AddScoped<RecordLawEnforcementDelay>();
        services.AddScoped<AddIncidentTask>();
        services.AddScoped<CompleteIncidentTask>();
        services.AddScoped<RecordEvidence>();
        services.AddScoped<HandOverEvidence>();
        services.AddScoped<RecordBreachAssessment>();
        services.AddScoped<SignOffBreachAssessment>();
        services.AddScoped<RecordPostIncidentReview>();
        services.AddScoped<GetIncidentObligations>();
        services.AddScoped<RecordObligationStatus>();
        services.AddScoped<GenerateNotice>();
        services.AddScoped<GetBreachRegister>();
        services.AddRecurringJob<DeadlineReminders>(DeadlineReminders.JobName, TimeSpan.FromHours(1),
            "Escalating reminders (14, 7, 3, 1 days, due day) and overdue alerts for pending breach notices.");
        return services;
    }
}
