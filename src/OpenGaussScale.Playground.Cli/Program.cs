using OpenGaussScale.Cli;
using OpenGaussScale.Playground.Cli;
using System.CommandLine;

// No umask change (unlike ogscale): what the playground writes (XMLs, keys, the kit package) is test equipment that
// the cluster user and the hosts read. SIGINT/SIGTERM cancel the verb; the demo's ogscale stages then stop their remote
// commands and release the lock, which can take longer than the default 2 s.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
return await PlaygroundApp.RunAsync(args, invocation, CliServices.CreateDefault(), CancellationToken.None);
