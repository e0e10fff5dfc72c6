namespace Colour2Vec.Colours;

/// <summary>How the difference between two colours is measured when labelling pairs and judging a map.</summary>
public enum SimilarityMeasure
{
    /// <summary>The seed's rule: mean squared difference of the 0–1 sRGB channels.</summary>
    Rgb,

    /// <summary>CIE76 ΔE*ab, the Euclidean distance in CIELAB, rescaled to the seed's scale.</summary>
    Lab,

    /// <summary>CIEDE2000 ΔE₀₀, rescaled to the seed's scale.</summary>
    Ciede2000,
}
