using OpenGaussScale.Cli;
using System.CommandLine;

return await CliApp.RunAsync(args, new InvocationConfiguration(), CliServices.CreateDefault(), CancellationToken.None);
