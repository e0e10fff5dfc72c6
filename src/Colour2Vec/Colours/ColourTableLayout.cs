namespace Colour2Vec.Colours;

/// <summary>The colour table layouts the reader accepts, recognised by their header.</summary>
public enum ColourTableLayout
{
    /// <summary>The seed's Kaggle file: <c>Color Name,Credits,R;G;B Dec,RGB Hex,CSS Hex,BG/FG color sample</c>.</summary>
    Kaggle,

    /// <summary><c>name,r,g,b</c> with 0–255 integers.</summary>
    NameRgb,

    /// <summary><c>name,hex</c> with <c>#RRGGBB</c> or <c>RRGGBB</c> (npm <c>color-name-list</c>).</summary>
    NameHex,
}
