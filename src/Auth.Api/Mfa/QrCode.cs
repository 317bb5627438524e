using QRCoder;

namespace Auth.Api.Mfa;

/// <summary>A QR code of an otpauth:// URI as an SVG data URI that any page or app can show.</summary>
public static class QrCode
{
    public static string SvgDataUri(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
