using OpenGaussScale.Cli;
using OpenGaussScale.Ssh.Local;
using System.CommandLine;

// What ogscale writes (logs, its local journal, known_hosts) is private: umask 077 from the start, whatever it was
// started with; the commands it runs on this host get the starting umask back (ProcessUmask).
ProcessUmask.Restrict();

// SIGINT/SIGTERM cancel the running verb, which then stops its remote commands (whole process groups), writes the
// journal and releases the lock before it exits 130. A minute is enough for that even over a slow link; the default
// (2 s) would end the process in the middle of it.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
return await CliApp.RunAsync(args, invocation, CliServices.CreateDefault(), CancellationToken.None);
