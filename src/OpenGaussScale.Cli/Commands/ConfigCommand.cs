using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>`ogscale config validate -X FILE [--output text|json]`: checks a cluster XML and prints the cluster it describes.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var config = new Command("config", "work with the cluster XML file (openGauss's clusterconfig.xml)");
        config.Subcommands.Add(CreateValidate());
        return config;
    }

    private static Command CreateValidate()
    {
        var xml = CommonOptions.Xml();
        var output = CommonOptions.Output();
        var validate = new Command(
            "validate",
            "check a cluster XML and print the cluster it describes: every problem is reported at once as FILE:LINE: message; " +
            "exit 0 when the file is valid (warnings allowed), 2 when it is not")
        {
            xml,
            output,
        };
        validate.SetAction((parseResult, cancellationToken) => ValidateAsync(parseResult, xml, output, cancellationToken));
        return validate;
    }

    private static async Task<int> ValidateAsync(ParseResult parseResult, Option<FileInfo> xml, Option<OutputFormat> output, CancellationToken cancellationToken)
    {
        var file = parseResult.GetRequiredValue(xml);
        var format = parseResult.GetValue(output);
        var result = ClusterConfigLoader.Load(file.ToString());
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;

        await DiagnosticWriter.WriteAsync(stderr, result.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (format == OutputFormat.Json)
        {
            await stdout.WriteLineAsync(ConfigJsonReport.Render(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        else if (result.Config is ClusterConfig config)
        {
            await stdout.WriteAsync(ConfigTextReport.Render(config, result.Warnings.Count()).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Usage;
    }
}
