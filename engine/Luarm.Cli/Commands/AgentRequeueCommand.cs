using System.CommandLine;
using Luarm.Agent.Pipeline;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm agent requeue</c>: put the rows the store refused back into the spool, to be replayed.</summary>
public static class AgentRequeueCommand
{
    public static Command Create()
    {
        var spool = new Option<string>("--spool")
        {
            Description = "the agent's spool folder; its rejected/ files are moved back into it",
            DefaultValueFactory = _ => new UploadOptions().SpoolDirectory,
        };
        var command = new Command("requeue", "move the files in the spool's rejected/ folder back into the spool; the agent replays them from its next start (systemctl restart luarm-agent)")
        {
            spool,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var directory = Path.GetFullPath(parse.GetRequiredValue(spool));
            if (!Directory.Exists(Path.Combine(directory, "rejected")))
            {
                throw new UsageException($"--spool {directory}: no rejected/ folder there; name the agent's spool folder");
            }
            var (files, rows) = RejectedRows.Requeue(directory);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"requeued {files} file(s), {rows} row(s) into {directory}; restart the agent to replay them");
            return 0;
        });
        return command;
    }
}
