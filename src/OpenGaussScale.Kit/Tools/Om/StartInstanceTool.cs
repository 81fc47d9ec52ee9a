using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Tools.GsCtl;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>script/local/StartInstance.py -U USER -D DATADIR [-t SECONDS] [-l LOG] (reference 4.2 step 6): starts the instance in its mode.</summary>
public sealed class StartInstanceTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("U", true, "-U"),
        new("D", true, "-D"),
        new("t", true, "-t"),
        new("l", true, "-l"),
    ];

    public string Name => "StartInstance.py";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        _ = parsed.Last("U") ?? throw OmErrors.Missing("-U");
        var dataDirectory = DataDirectory.FromArgument(parsed.Last("D") ?? throw OmErrors.Missing("-D"));
        new OmLog(parsed.Last("l")).Write($"starting {dataDirectory.Path}");
        var result = new ServerControl(new KitServices(context)).Start(dataDirectory, null);
        if (result != 0)
        {
            throw new KitException($"[GAUSS-51607] : Failed to start instance {dataDirectory.Path}.");
        }

        return 0;
    }
}
