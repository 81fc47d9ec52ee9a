using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Tools.Gaussdb;

/// <summary>gaussdb --version (reference 3.1 step 7 parses "gaussdb (...) ..."); the server itself is started by gs_ctl.</summary>
public sealed class GaussdbTool : ITool
{
    public string Name => "gaussdb";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Count == 1 && args[0] is "-V" or "--version")
        {
            context.Out.WriteLine("gaussdb " + KitVersion.Load().ServerText);
            return 0;
        }

        throw new KitException("gaussdb: the kit only answers --version; start the server with gs_ctl start -D DATADIR");
    }
}
