using System.Globalization;
using Luarm.Engine.Evaluation;
using Luarm.Store.Access;
using MySqlConnector;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// The engine's Quartz schedule: one evaluation job per shard and one delivery
/// job. With a MariaDB store the schedule lives in the store's QRTZ_ tables and
/// engines on the same store form a cluster: each shard is pinned to the node
/// that fires it first, kept spread over the live nodes by <see cref="ShardBalanceJob"/>,
/// and moves to another node when that one stops checking in. With SQLite (one
/// engine) it lives in memory.
/// </summary>
internal static class EngineSchedule
{
    public const string Group = "luarm";
    public const string ShardTriggerPrefix = "evaluate-shard-";
    private static readonly TimeSpan DbRetryInterval = TimeSpan.FromSeconds(2);

    public static void Configure(IQuartzBuilder quartz, FactStore store, EngineOptions engine)
    {
        var clustered = store is MySqlStore;
        if (store is MySqlStore mysql)
        {
            UseClusteredStore(quartz, mysql, engine.Cluster);
        }
        quartz.AddSchedulerListener<StoreOutageListener>();
        // Every shard may run at once, beside a delivery and a balancing pass.
        quartz.UseDefaultThreadPool(engine.Shards + 2);
        var every = TimeSpan.FromSeconds(engine.ScheduleSeconds);
        // foreach, not for: the job is configured later, by a lambda that must see its own shard number.
        foreach (var shard in Enumerable.Range(0, engine.Shards))
        {
            var job = new JobKey(ShardTriggerPrefix + shard, Group);
            quartz.AddJob<EvaluationJob>(configure => configure.WithIdentity(job).RequestRecovery()
                .UsingJobData(EvaluationJob.ShardKey, shard.ToString(CultureInfo.InvariantCulture))
                .UsingJobData(EvaluationJob.ShardsKey, engine.Shards.ToString(CultureInfo.InvariantCulture)));
            Trigger(quartz, job, every, clustered ? PreferredNode.Auto : PreferredNode.None);
        }
        var deliver = new JobKey("deliver", Group);
        quartz.AddJob<DeliveryJob>(configure => configure.WithIdentity(deliver));
        Trigger(quartz, deliver, every, PreferredNode.None);
        if (clustered)
        {
            var balance = new JobKey("balance-shards", Group);
            quartz.AddJob<ShardBalanceJob>(configure => configure.WithIdentity(balance));
            Trigger(quartz, balance, TimeSpan.FromSeconds(engine.Cluster.CheckInSeconds), PreferredNode.None);
        }
    }

    private static void UseClusteredStore(IQuartzBuilder quartz, MySqlStore mysql, EngineClusterOptions cluster)
    {
        var checkIn = TimeSpan.FromSeconds(cluster.CheckInSeconds);
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = cluster.InstanceName;
            // One trigger per acquisition, so that unclaimed shards are dealt out among the nodes
            // rather than all taken by whichever node acquires first; and a node with nothing
            // to fire looks again soon, for shards released to it.
            scheduler.MaxBatchSize = 1;
            scheduler.IdleWaitTime = TimeSpan.FromSeconds(1);
        });
        quartz.UseInstanceIdGenerator(new ClusterNodeId());
        quartz.UsePersistentStore(persistent =>
        {
            persistent.UseMySqlConnector(MySqlConnectorFactory.Instance, mysql.Settings.ConnectionString);
            persistent.UseSystemTextJsonSerializer();
            persistent.UseClustering(clustering =>
            {
                clustering.CheckinInterval = checkIn;
                clustering.CheckinMisfireThreshold = checkIn;
            });
            persistent.ConfigureStore(options =>
            {
                // The tables come from the store's migrations (0006); job data stays readable text.
                options.StoreJobDataAsStrings = true;
                // How long Quartz's loops back off while the store is down (default 15 s): it bounds
                // how late firing resumes after the store answers again.
                options.DbRetryInterval = DbRetryInterval;
            });
        });
    }

    private static void Trigger(IQuartzBuilder quartz, JobKey job, TimeSpan every, PreferredNode node) =>
        quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity(job.Name, Group).StartNow().WithPreferredNode(node)
            .WithSimpleSchedule(schedule => schedule.WithInterval(every).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
}
