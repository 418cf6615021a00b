using System.CommandLine;
using Luarm.Store.Schema;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm schema migrate</c>: create or upgrade the store's tables.</summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "apply the migrations the store lacks (safe to repeat)");
        migrate.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var store = GlobalOptions.OpenStore(parse);
            var applied = await new Migrator(store).MigrateAsync(cancel);
            foreach (var migration in applied)
            {
                await output.WriteLineAsync($"applied {migration.Version:D4} {migration.Name}");
            }
            var version = await new Migrator(store).CurrentVersionAsync(cancel);
            await output.WriteLineAsync($"{store.Location} is at schema version {version}" + (applied.Count == 0 ? " (nothing to do)" : ""));
            return 0;
        });
        return new Command("schema", "manage the store's tables") { migrate };
    }
}
