using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// Reads the bytes or text of a cluster XML into an <see cref="XDocument"/> with line numbers, refusing anything that
/// could make the parser do more than read this one file: DTDs and entities (never expanded), external resources
/// (no resolver), oversized input, and elements nested or repeated far beyond a cluster XML (<see cref="MaxDepth"/>,
/// <see cref="MaxElements"/>, <see cref="MaxAttributes"/>). Every refusal is one diagnostic; nothing here throws.
/// </summary>
internal static partial class ClusterXmlReader
{
    /// <summary>1 MiB: a real cluster XML is a few kilobytes, so anything larger is the wrong file.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Element nesting: ROOT, DEVICELIST, DEVICE, PARAM is 4 levels; anything past 32 is not a cluster XML.</summary>
    public const int MaxDepth = 32;

    /// <summary>Elements in the file: a nine-host cluster XML has about 300 (ROOT, CLUSTER, DEVICELIST, nine DEVICEs, some 30 PARAMs in each section).</summary>
    public const int MaxElements = 10_000;

    /// <summary>Attributes in the file: two per PARAM, so about 600 in a nine-host cluster XML.</summary>
    public const int MaxAttributes = 20_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes the bytes as UTF-8 (a BOM is allowed) and parses them, after refusing a declared encoding openGauss-OM
    /// cannot read as this text (<see cref="XmlEncodingRule"/>).
    /// </summary>
    public static XDocument? ReadBytes(ReadOnlySpan<byte> bytes, DiagnosticBag bag)
    {
        if (bytes.Length > MaxBytes)
        {
            ReportTooLarge(bytes.Length, "bytes", bag);
            return null;
        }

        var bomLength = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var body = bytes[bomLength..];
        if (!XmlEncodingRule.Check(body, bag))
        {
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Clamp(ex.Index, 0, body.Length);
            var bad = ex.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : body[Math.Min(offset, body.Length - 1)];
            var where = $"byte 0x{bad:X2} at offset {offset + bomLength}";
            var line = body[..offset].Count((byte)'\n') + 1;
            if (XmlEncodingRule.LooksLikeGbk(body))
            {
                // openGauss-OM refuses it too: it reads the file as UTF-8 first (XmlEncodingRule), declaration or not.
                bag.Error(
                    line,
                    $"the file is not UTF-8 text ({where}): it reads as GBK, as Chinese-locale editors save it, and openGauss-OM reads a cluster XML only as UTF-8",
                    "save the cluster XML as UTF-8 and declare encoding=\"UTF-8\", e.g. iconv -f GBK -t UTF-8 FILE > FILE.utf8 (declaring encoding=\"GBK\" does not help: openGauss-OM refuses that too)");
                return null;
            }

            bag.Error(line, $"the file is not UTF-8 text ({where})", "save the cluster XML as UTF-8 (openGauss's samples declare encoding=\"UTF-8\")");
            return null;
        }

        return ReadText(text, bag);
    }

    /// <summary>Parses the text, after refusing DTD and entity declarations line by line.</summary>
    public static XDocument? ReadText(string text, DiagnosticBag bag)
    {
        if (text.Length > MaxBytes)
        {
            ReportTooLarge(text.Length, "characters", bag);
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            bag.Error(0, "the file is empty", "-X must name the cluster XML: <ROOT> with <CLUSTER> and <DEVICELIST> (see samples/)");
            return null;
        }

        // openGauss refuses any line containing these (`File have security risks.`); so do we, before the parser sees
        // them, so not even a prohibited-DTD parse is attempted. Comments are not exempt, as in the original.
        var refused = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var declaration in (ReadOnlySpan<string>)["<!DOCTYPE", "<!ENTITY"])
            {
                if (lines[i].Contains(declaration, StringComparison.OrdinalIgnoreCase))
                {
                    bag.Error(
                        i + 1,
                        $"{declaration} is not allowed in a cluster XML: document type and entity declarations are refused, never expanded",
                        $"remove the {declaration} ... declaration; a cluster XML needs none");
                    refused = true;
                }
            }
        }

        if (refused)
        {
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreWhitespace = false,
            CloseInput = true,
        };
        try
        {
            if (!WithinBounds(text, settings, bag))
            {
                return null;
            }

            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var line = ex.LineNumber > 0 ? ex.LineNumber : lines.Length;
            bag.Error(
                line,
                $"the XML is not well-formed: {Describe(ex.Message)}",
                "fix the XML syntax at this line (a tag left open or misspelt, a missing quote, a stray '&' or '<')");
            return null;
        }
    }

    // A first pass with the reader alone, stopping at the first element past a bound, so no tree is built for a file
    // that nests or repeats elements far beyond any cluster XML (120000 nested elements took minutes in XDocument).
    private static bool WithinBounds(string text, XmlReaderSettings settings, DiagnosticBag bag)
    {
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var lines = (IXmlLineInfo)reader;
        var elements = 0;
        var attributes = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            elements++;
            attributes += reader.AttributeCount;
            if (reader.Depth >= MaxDepth)
            {
                bag.Error(
                    lines.LineNumber,
                    $"elements are nested more than {MaxDepth} deep; a cluster XML nests 4 (ROOT, DEVICELIST, DEVICE, PARAM)",
                    "check that -X names the cluster XML file");
                return false;
            }

            if (elements > MaxElements || attributes > MaxAttributes)
            {
                var what = elements > MaxElements ? $"more than {MaxElements} elements" : $"more than {MaxAttributes} attributes";
                bag.Error(
                    lines.LineNumber,
                    $"the XML has {what}; a cluster XML of nine hosts has a few hundred",
                    "check that -X names the cluster XML file");
                return false;
            }
        }

        return true;
    }

    private static void ReportTooLarge(int size, string unit, DiagnosticBag bag) =>
        bag.Error(
            0,
            $"the file is larger than 1 MiB ({size} {unit}); a cluster XML is a few kilobytes",
            "check that -X names the cluster XML file");

    // .NET's "The 'X' start tag ... does not match ... Line 3, position 7." becomes "the 'X' start tag ... does not match ...".
    private static string Describe(string message)
    {
        var text = TrailingPosition().Replace(message, string.Empty).Trim().TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : "unknown error";
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?\s*$")]
    private static partial Regex TrailingPosition();
}
