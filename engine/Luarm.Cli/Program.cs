using Luarm.Cli;

// A fault on a thread of its own (not awaited by any command) cannot be caught by
// LuarmCli.RunAsync; it still ends in one line and exit code 70, not an abort (134).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    var failure = e.ExceptionObject as Exception ?? new InvalidOperationException($"{e.ExceptionObject}");
    var verbose = args.Contains("--verbose");
    Console.Error.WriteLine(LuarmCli.InternalError("luarm", failure, verbose));
    if (verbose)
    {
        Console.Error.WriteLine(failure);
    }
    Environment.Exit(ExitCodes.Internal);
};
// Never disposed: a daemon's host stops on SIGINT too, so Main may have returned
// when this handler runs on the signal's thread, and Cancel on a disposed source
// threw, which turned every Ctrl-C of `luarm engine` into an internal error (exit 70).
var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await LuarmCli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
