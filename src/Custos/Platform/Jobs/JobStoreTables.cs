using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Jobs;

// Quartz.NET's ADO.NET job store tables (qrtz_*), mapped as EF entities so that our own migrations create them on
// SQLite and PostgreSQL with each provider's types, and a squash of the migrations keeps them (ADR 0013). Custos
// never reads or writes them through EF: Quartz does, with its SQLite and PostgreSQL delegates. Column names are
// Quartz's, produced by the snake_case convention from the property names.
#pragma warning disable SA1402, SA1649 // One file for the schema Quartz owns.

internal sealed class QrtzJobDetail
{
    public string SchedName { get; set; } = string.Empty;

    public string JobName { get; set; } = string.Empty;

    public string JobGroup { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string JobClassName { get; set; } = string.Empty;

    public bool IsDurable { get; set; }

    public bool IsNonconcurrent { get; set; }

    public bool IsUpdateData { get; set; }

    public bool RequestsRecovery { get; set; }

    public byte[]? JobData { get; set; }
}

internal sealed class QrtzTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public string JobName { get; set; } = string.Empty;

    public string JobGroup { get; set; } = string.Empty;

    public string? Description { get; set; }

    public long? NextFireTime { get; set; }

    public long? PrevFireTime { get; set; }

    public int? Priority { get; set; }

    public string TriggerState { get; set; } = string.Empty;

    public string TriggerType { get; set; } = string.Empty;

    public long StartTime { get; set; }

    public long? EndTime { get; set; }

    public string? CalendarName { get; set; }

    public short? MisfireInstr { get; set; }

    public long? MisfireOrigFireTime { get; set; }

    public string? ExecutionGroup { get; set; }

    public string? PreferredNode { get; set; }

    public bool PreferredNodeAuto { get; set; }

    public byte[]? JobData { get; set; }
}

internal sealed class QrtzSimpleTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public long RepeatCount { get; set; }

    public long RepeatInterval { get; set; }

    public long TimesTriggered { get; set; }
}

internal sealed class QrtzSimpropTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public string? StrProp1 { get; set; }

    public string? StrProp2 { get; set; }

    public string? StrProp3 { get; set; }

    public int? IntProp1 { get; set; }

    public int? IntProp2 { get; set; }

    public long? LongProp1 { get; set; }

    public long? LongProp2 { get; set; }

    public decimal? DecProp1 { get; set; }

    public decimal? DecProp2 { get; set; }

    public bool? BoolProp1 { get; set; }

    public bool? BoolProp2 { get; set; }

    public string? TimeZoneId { get; set; }
}

internal sealed class QrtzCronTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public string CronExpression { get; set; } = string.Empty;

    public string? TimeZoneId { get; set; }
}

internal sealed class QrtzBlobTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public byte[]? BlobData { get; set; }
}

internal sealed class QrtzCalendar
{
    public string SchedName { get; set; } = string.Empty;

    public string CalendarName { get; set; } = string.Empty;

    public byte[] Calendar { get; set; } = [];
}

internal sealed class QrtzPausedTriggerGrp
{
    public string SchedName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;
}

internal sealed class QrtzFiredTrigger
{
    public string SchedName { get; set; } = string.Empty;

    public string EntryId { get; set; } = string.Empty;

    public string TriggerName { get; set; } = string.Empty;

    public string TriggerGroup { get; set; } = string.Empty;

    public string InstanceName { get; set; } = string.Empty;

    public long FiredTime { get; set; }

    public long SchedTime { get; set; }

    public int Priority { get; set; }

    public string State { get; set; } = string.Empty;

    public string? JobName { get; set; }

    public string? JobGroup { get; set; }

    public bool IsNonconcurrent { get; set; }

    public bool? RequestsRecovery { get; set; }

    public string? ExecutionGroup { get; set; }
}

internal sealed class QrtzSchedulerState
{
    public string SchedName { get; set; } = string.Empty;

    public string InstanceName { get; set; } = string.Empty;

    public long LastCheckinTime { get; set; }

    public long CheckinInterval { get; set; }
}

internal sealed class QrtzLock
{
    public string SchedName { get; set; } = string.Empty;

    public string LockName { get; set; } = string.Empty;
}

internal sealed class JobStoreTablesConfiguration :
    IEntityTypeConfiguration<QrtzJobDetail>, IEntityTypeConfiguration<QrtzTrigger>, IEntityTypeConfiguration<QrtzSimpleTrigger>,
    IEntityTypeConfiguration<QrtzSimpropTrigger>, IEntityTypeConfiguration<QrtzCronTrigger>, IEntityTypeConfiguration<QrtzBlobTrigger>,
    IEntityTypeConfiguration<QrtzCalendar>, IEntityTypeConfiguration<QrtzPausedTriggerGrp>, IEntityTypeConfiguration<QrtzFiredTrigger>,
    IEntityTypeConfiguration<QrtzSchedulerState>, IEntityTypeConfiguration<QrtzLock>
{
    public void Configure(EntityTypeBuilder<QrtzJobDetail> builder)
    {
        builder.ToTable("qrtz_job_details");
        builder.HasKey(j => new { j.SchedName, j.JobName, j.JobGroup });
        builder.HasIndex(j => new { j.SchedName, j.RequestsRecovery }).HasDatabaseName("idx_qrtz_j_req_recovery");
        builder.HasIndex(j => new { j.SchedName, j.JobGroup, j.JobName }).HasDatabaseName("idx_qrtz_j_g_n");
    }

    public void Configure(EntityTypeBuilder<QrtzTrigger> builder)
    {
        builder.ToTable("qrtz_triggers");
        builder.HasKey(t => new { t.SchedName, t.TriggerName, t.TriggerGroup });
        builder.Property(t => t.ExecutionGroup).HasMaxLength(200);
        builder.Property(t => t.PreferredNode).HasMaxLength(200);
        builder.Property(t => t.PreferredNodeAuto).HasDefaultValue(false);
        builder.HasOne<QrtzJobDetail>().WithMany().HasForeignKey(t => new { t.SchedName, t.JobName, t.JobGroup }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.SchedName, t.NextFireTime }).HasDatabaseName("idx_qrtz_t_next_fire_time");
        builder.HasIndex(t => new { t.SchedName, t.TriggerState }).HasDatabaseName("idx_qrtz_t_state");
        builder.HasIndex(t => new { t.SchedName, t.TriggerState, t.NextFireTime }).HasDatabaseName("idx_qrtz_t_nft_st");
        builder.HasIndex(t => new { t.SchedName, t.TriggerGroup, t.TriggerName }).HasDatabaseName("idx_qrtz_t_g_n");
    }

    public void Configure(EntityTypeBuilder<QrtzSimpleTrigger> builder)
    {
        builder.ToTable("qrtz_simple_triggers");
        builder.HasKey(t => new { t.SchedName, t.TriggerName, t.TriggerGroup });
        builder.HasOne<QrtzTrigger>().WithOne().HasForeignKey<QrtzSimpleTrigger>(t => new { t.SchedName, t.TriggerName, t.TriggerGroup }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QrtzSimpropTrigger> builder)
    {
        builder.ToTable("qrtz_simprop_triggers");
        builder.HasKey(t => new { t.SchedName, t.TriggerName, t.TriggerGroup });
        builder.Property(t => t.StrProp1).HasColumnName("str_prop_1");
        builder.Property(t => t.StrProp2).HasColumnName("str_prop_2");
        builder.Property(t => t.StrProp3).HasColumnName("str_prop_3");
        builder.Property(t => t.IntProp1).HasColumnName("int_prop_1");
        builder.Property(t => t.IntProp2).HasColumnName("int_prop_2");
        builder.Property(t => t.LongProp1).HasColumnName("long_prop_1");
        builder.Property(t => t.LongProp2).HasColumnName("long_prop_2");
        builder.Property(t => t.DecProp1).HasColumnName("dec_prop_1");
        builder.Property(t => t.DecProp2).HasColumnName("dec_prop_2");
        builder.Property(t => t.BoolProp1).HasColumnName("bool_prop_1");
        builder.Property(t => t.BoolProp2).HasColumnName("bool_prop_2");
        builder.HasOne<QrtzTrigger>().WithOne().HasForeignKey<QrtzSimpropTrigger>(t => new { t.SchedName, t.TriggerName, t.TriggerGroup }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QrtzCronTrigger> builder)
    {
        builder.ToTable("qrtz_cron_triggers");
        builder.HasKey(t => new { t.SchedName, t.TriggerName, t.TriggerGroup });
        builder.HasOne<QrtzTrigger>().WithOne().HasForeignKey<QrtzCronTrigger>(t => new { t.SchedName, t.TriggerName, t.TriggerGroup }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QrtzBlobTrigger> builder)
    {
        builder.ToTable("qrtz_blob_triggers");
        builder.HasKey(t => new { t.SchedName, t.TriggerName, t.TriggerGroup });
        builder.HasOne<QrtzTrigger>().WithOne().HasForeignKey<QrtzBlobTrigger>(t => new { t.SchedName, t.TriggerName, t.TriggerGroup }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QrtzCalendar> builder)
    {
        builder.ToTable("qrtz_calendars");
        builder.HasKey(c => new { c.SchedName, c.CalendarName });
    }

    public void Configure(EntityTypeBuilder<QrtzPausedTriggerGrp> builder)
    {
        builder.ToTable("qrtz_paused_trigger_grps");
        builder.HasKey(p => new { p.SchedName, p.TriggerGroup });
    }

    public void Configure(EntityTypeBuilder<QrtzFiredTrigger> builder)
    {
        builder.ToTable("qrtz_fired_triggers");
        builder.HasKey(f => new { f.SchedName, f.EntryId });
        builder.Property(f => f.ExecutionGroup).HasMaxLength(200);
        builder.HasIndex(f => new { f.SchedName, f.TriggerName, f.TriggerGroup }).HasDatabaseName("idx_qrtz_ft_trig_nm_gp");
        builder.HasIndex(f => new { f.SchedName, f.InstanceName }).HasDatabaseName("idx_qrtz_ft_trig_inst_name");
        builder.HasIndex(f => f.JobName).HasDatabaseName("idx_qrtz_ft_job_name");
        builder.HasIndex(f => f.RequestsRecovery).HasDatabaseName("idx_qrtz_ft_job_req_recovery");
    }

    public void Configure(EntityTypeBuilder<QrtzSchedulerState> builder)
    {
        builder.ToTable("qrtz_scheduler_state");
        builder.HasKey(s => new { s.SchedName, s.InstanceName });
    }

    public void Configure(EntityTypeBuilder<QrtzLock> builder)
    {
        builder.ToTable("qrtz_locks");
        builder.HasKey(l => new { l.SchedName, l.LockName });
    }
}
