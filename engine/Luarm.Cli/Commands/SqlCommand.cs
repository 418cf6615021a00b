using System.CommandLine;
using Luarm.Cli.Output;
using Luarm.Store.Access;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm sql "select ..."</c>: the examiner's console on the configured store.</summary>
public static class SqlCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("query")
        {
            Description = "one SQL statement; end it with \\G for one block per row; read from standard input when omitted",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("sql", "run a query against the store and print the rows, like the mysql console") { query };
        command.SetAction(async (parse, cancel) =>
        {
            var text = parse.GetValue(query) ?? await Console.In.ReadToEndAsync(cancel);
            if (string.IsNullOrWhiteSpace(text))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("luarm: no query given; pass one as an argument or on standard input");
                return ExitCodes.Usage;
            }
            var result = await new SqlQuery(GlobalOptions.OpenStore(parse)).RunAsync(text, cancel);
            await parse.InvocationConfiguration.Output.WriteAsync(MySqlConsoleFormat.Render(result));
            return 0;
        });
        return command;
    }
}
