namespace ShotVideo.Veo;

/// <summary>Picks a base URL: the option, else the environment variable, else Google's; always absolute and ending in '/'.</summary>
internal static class VeoBaseUrl
{
    /// <summary>The Gemini API's version path, added to a Gemini base URL given without a path.</summary>
    public const string GeminiVersion = "v1beta";

    /// <summary>The Vertex AI version path (the documented one), added to a Vertex base URL given without a path.</summary>
    public const string VertexVersion = "v1";

    /// <summary>
    /// Resolves the base URL. A chosen URL with no path (<c>https://host</c> or <c>https://host/</c>) gets
    /// <paramref name="defaultVersion"/> as its path (e.g. <c>v1beta</c> for the Gemini API, <c>v1</c> for Vertex AI),
    /// since the API's paths are relative to the version; a URL with any path is kept as given (a proxy may mount the
    /// API anywhere). A null <paramref name="defaultVersion"/> keeps every URL as given (e.g. Cloud Storage, whose
    /// paths carry their own version).
    /// </summary>
    public static Uri Resolve(Uri? option, string? environmentValue, Uri fallback, string variableName, string? defaultVersion = null)
    {
        Uri? chosen = option;
        if (chosen is null && !string.IsNullOrWhiteSpace(environmentValue))
        {
            if (!Uri.TryCreate(environmentValue.Trim(), UriKind.Absolute, out chosen))
            {
                throw ShotVideoErrors.InvalidBaseUrl($"{variableName} is not an absolute URL. Set it like https://host/v1beta/ or remove it.");
            }
        }

        chosen ??= fallback;
        if (!chosen.IsAbsoluteUri || (chosen.Scheme != Uri.UriSchemeHttps && chosen.Scheme != Uri.UriSchemeHttp))
        {
            throw ShotVideoErrors.InvalidBaseUrl($"The base URL '{chosen}' is not an absolute http(s) URL.");
        }

        if (defaultVersion is not null && chosen.AbsolutePath == "/")
        {
            return new Uri(chosen, defaultVersion.Trim('/') + "/");
        }

        // Relative paths are appended to the base only when it ends in '/'.
        return chosen.AbsoluteUri.EndsWith('/') ? chosen : new Uri(chosen.AbsoluteUri + "/");
    }
}
