using System.Text;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The encodings a cluster XML may be in: those openGauss-OM reads. OM first reads the whole file as UTF-8
/// (checkXMLFile: `open(xml_file, "r", encoding='utf-8')`, openGauss-OM cluster_config_file.py @792253f line 86), so a
/// file whose bytes are not UTF-8 fails there (UnicodeDecodeError), whatever it declares; it then parses it with
/// xml.etree (line 69), whose expat parser honours the declared encoding but refuses every multi-byte one but UTF-8
/// ("multi-byte encodings are not supported"; UTF-16 fails on these bytes too). So a GBK file is refused with or
/// without encoding="GBK", and so is an ASCII-only file declaring GBK (checked with python3's xml.etree).
/// </summary>
internal static partial class XmlEncodingRule
{
    // GBK, GB18030 and the other code pages are in the framework on .NET, registered once before the first lookup.
    static XmlEncodingRule() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Fix = "save the cluster XML as UTF-8 and declare encoding=\"UTF-8\"";

    /// <summary>
    /// Refuses a declared encoding other than UTF-8 that openGauss-OM would not read as this text: a multi-byte or
    /// unknown one always (OM refuses it), a single-byte one (ISO-8859-1, windows-1252, US-ASCII) when the file has a
    /// non-ASCII byte. OM accepts the latter if the bytes are UTF-8, but then reads each byte as one character of the
    /// declared encoding, so the values would not be what the editor showed: refused on purpose.
    /// </summary>
    public static bool Check(ReadOnlySpan<byte> body, DiagnosticBag bag)
    {
        if (Declared(body) is not string name || name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            bag.Error(1, $"the XML declares encoding=\"{DiagnosticText.Shown(name)}\", an encoding openGauss-OM does not know (Python: unknown encoding)", Fix);
            return false;
        }

        // Another spelling of UTF-8 (utf8) is not expat's built-in UTF-8: Python maps it byte by byte, as a single-byte one.
        if (!encoding.IsSingleByte && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            bag.Error(
                1,
                $"the XML declares encoding=\"{DiagnosticText.Shown(name)}\", which openGauss-OM cannot read: its XML parser (Python's expat) refuses multi-byte encodings other than UTF-8",
                $"{Fix}, e.g. iconv -f {DiagnosticText.Shown(name)} -t UTF-8 FILE > FILE.utf8, then change the declaration");
            return false;
        }

        var offset = body.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (offset >= 0)
        {
            bag.Error(
                body[..offset].Count((byte)'\n') + 1,
                $"the XML declares encoding=\"{DiagnosticText.Shown(name)}\" but holds a non-ASCII byte (0x{body[offset]:X2} at offset {offset}): openGauss-OM reads the file as UTF-8 and then as {DiagnosticText.Shown(name)}, so the values would not be what an editor shows",
                Fix);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether bytes that are not UTF-8 read as GBK text with Chinese characters: what a Chinese-locale editor saves.
    /// A guess for the message only (GB18030, GBK's superset, decoded strictly).
    /// </summary>
    public static bool LooksLikeGbk(ReadOnlySpan<byte> body)
    {
        try
        {
            var text = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(body);
            return text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The encoding named by the XML declaration at the start of the file, or null when there is none.</summary>
    private static string? Declared(ReadOnlySpan<byte> body)
    {
        // The declaration is ASCII in every encoding OM could read, and it must come first (XML 1.0, 2.8).
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 256)]);
        var match = Declaration().Match(head);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("""^<\?xml\s+version\s*=\s*(["'])[^"']*\1\s+encoding\s*=\s*(["'])(?<name>[^"']*)\2""", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();
}
