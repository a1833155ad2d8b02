"""The map of March–November 1918 (after Brest-Litovsk) and the map drawn anew at the armistice.

March 1918 is the 1914 snapshot as it stands, except that the lands Russia gave up at Brest-Litovsk
are drawn as occupied territory, Ukraine and Finland as states. From 11 November 1918 the map is built
from Natural Earth's present-day countries, split where the period's border differs: this gives the
successor states of Austria-Hungary their treaty borders from the start (they had no earlier ones),
while Germany keeps its 1914 borders until the Treaty of Versailles came into force."""

from __future__ import annotations

from . import hand as H
from .engine import Timeline
from .recipe_common import clean, st
from .sources import ne, snap

WARTIME = ("approximate: the 1914 snapshot with the cessions of Brest-Litovsk; wartime occupations in the "
           "west and in the Balkans are not drawn")
OLD_LINES = {"Kongeå": "the 1864–1920 Danish border (Kongeå) hand-drawn",
             "Eupen": "the 1914 border at Eupen-Malmedy hand-drawn",
             "Hlučín": "the 1914 border at Hlučín hand-drawn"}
PROVISIONAL = "drawn within the borders the peace treaties of 1919–1921 gave it; provisional until then"

def march_1918(t: Timeline, r: dict) -> None:
    """The first map: 3 March 1918, the day of the Treaty of Brest-Litovsk.

    It is the armistice map (:func:`base`) with the empires put back together: Austria-Hungary from the
    1914 snapshot's outline, Alsace-Lorraine in Germany, the Ottoman Near East, Serbia and Montenegro,
    and in the east the lands Russia gave up drawn as occupied territory."""
    t.step("1918-03-03", "brest-litovsk-1918", "Treaty of Brest-Litovsk: Russia gives up its western lands",
           "Friede von Brest-Litowsk: Russland verzichtet auf seine westlichen Gebiete",
           "Treaty of Brest-Litovsk, 3 March 1918; geometry: the armistice map with the 1914 outlines of "
           "historical-basemaps for the empires", "brest-litovsk-1918")
    base(t, r)
    W = WARTIME
    ah = (snap(1914, "Austro-Hungarian Empire") | ne("Austria", "Hungary", "Czechia", "Slovakia", "Slovenia", "Croatia",
                                                     "Bosnia and Herz."))
    t.take("austria_hungary", ah, ("austria", "hungary", "czechoslovakia", "poland", "ukraine", "romania", "yugoslavia",
                                   "italy"), **st("Austria-Hungary", "Österreich-Ungarn", None, "independent", 1, W))
    t.take("germany", ne("France") & snap(1914, "German Empire"), "france",
           **st("German Empire", "Deutsches Kaiserreich", None, "independent", 1, W))
    t.set("france", **st("France", "Frankreich", p=2))
    t.take("ottoman_empire", ne("Syria", "Lebanon", "Israel", "Palestine", "Jordan", "Iraq") | r["hatay"],
           ("syria", "palestine", "transjordan", "iraq"), **st("Ottoman Empire", "Osmanisches Reich", p=1, note=W))
    t.take("montenegro", ne("Montenegro"), "yugoslavia", **st("Montenegro", "Montenegro", "austria_hungary", "occupied", 1, W))
    t.take("serbia", t.geom("yugoslavia"), "yugoslavia", **st("Serbia", "Serbien", "ah_bulgaria", "occupied", 1, W))
    t.take("bessarabia", t.geom("romania") & ne("Moldova", "Ukraine"), "romania",
           **st("Bessarabia", "Bessarabien", None, "contested", 1, W))
    t.take("ukraine", t.geom("poland") & ne("Ukraine"), "poland",
           **st("Ukrainian People's Republic", "Ukrainische Volksrepublik", None, "independent", 1,
                W + "; under German and Austro-Hungarian occupation, the Hetmanate from 29 April 1918"))
    occupied = t.geom("poland") | t.geom("lithuania") | t.geom("estonia") | t.geom("occupied_east")
    t.take("occupied_east", occupied, ("poland", "lithuania", "estonia"),
           **st("Territories under German and Austro-Hungarian occupation",
                "Von Deutschland und Österreich-Ungarn besetzte Gebiete", "central", "occupied", 1, W))
    t.take("russia", t.geom("belarus"), "belarus")
    t.take("transcaucasia", ne("Georgia", "Armenia", "Azerbaijan"), ("georgia", "armenia", "azerbaijan"),
           **st("Transcaucasia", "Transkaukasien", None, "contested", 1, W))
    t.check()

    t.step("1918-04-09", "bessarabia-union-1918", "Bessarabia unites with Romania",
           "Bessarabien vereinigt sich mit Rumänien",
           "Vote of the Sfatul Țării, 9 April 1918 (27 March Old Style)")
    t.take("romania", t.geom("bessarabia"), "bessarabia")


def regions() -> dict:
    """The pieces of today's countries that the base map and later changes move about."""
    ge14 = snap(1914, "German Empire")
    r = {}
    r["memel"] = clean(ne("Lithuania") & ge14)
    r["kaliningrad"] = ne("Russia") & H.KALININGRAD_BOX
    r["north_schleswig"] = ne("Denmark") & H.NORTH_SCHLESWIG
    r["eupen_malmedy"] = ne("Belgium") & H.EUPEN_MALMEDY
    r["hlucin"] = ne("Czechia") & H.HLUCIN
    r["german_poland"] = ((ne("Poland") & ge14).difference(H.UPPER_SILESIA_BOX)
                          | ne("Poland") & (H.PRUSSIAN_UPPER_SILESIA | H.LOWER_SILESIA))
    r["east_prussia_pl"] = r["german_poland"] & H.EAST_PRUSSIA
    r["danzig"] = clean(ne("Poland") & snap(1930, "Danzig")).difference(r["east_prussia_pl"])
    r["upper_silesia_east"] = ne("Poland") & H.PRUSSIAN_UPPER_SILESIA & H.UPPER_SILESIA_1922
    r["to_poland_1920"] = clean(r["german_poland"].difference(snap(1930, "Germany")).difference(r["east_prussia_pl"])
                                .difference(r["danzig"]).difference(H.UPPER_SILESIA_BOX) & H.POSEN_WEST_PRUSSIA)
    r["saar"] = clean(ne("Germany") & snap(1945, "Saar Protectorate"))
    r["vilnius_lt"] = ne("Lithuania").difference(r["memel"]) & H.VILNIUS_REGION
    r["poland_east"] = clean(ne("Belarus", "Ukraine") & snap(1930, "Poland"))
    r["central_lithuania_by"] = r["poland_east"] & H.CENTRAL_LITHUANIA_BELARUS
    r["crimea"] = ne("Ukraine", "Russia") & H.CRIMEA
    r["ruthenia"] = clean(ne("Ukraine") & snap(1930, "Czechoslovakia")) | ne("Ukraine") & H.BEREHOVE
    r["ro_ukraine"] = clean(ne("Ukraine") & snap(1930, "Romania"))
    r["transnistria"] = clean(ne("Moldova") & snap(1930, "Ukraine"))
    r["s_dobruja"] = clean(ne("Bulgaria") & snap(1930, "Romania"))
    r["julian_march"] = clean(ne("Slovenia", "Croatia") & snap(1930, "Italy"))
    r["dodecanese"] = clean(ne("Greece") & snap(1938, "Italy"), min_area=0.0005)
    r["western_thrace"] = clean(ne("Greece") & snap(1914, "Bulgaria"))
    r["western_outlands"] = clean(ne("Serbia", "Macedonia") & snap(1914, "Bulgaria"), min_area=0.01)
    r["hatay"] = ne("Turkey") & H.HATAY
    r["finnish_karelia"] = clean(ne("Russia") & snap(1938, "Finland"))
    r["petsamo"] = r["finnish_karelia"] & H.PETSAMO
    r["spanish_morocco"] = clean(ne("Morocco") & snap(1914, "Spanish Morocco"))
    r["hejaz"] = clean(ne("Saudi Arabia") & snap(1920, "Hejaz"))
    r["zaolzie"] = clean(ne("Czechia") & snap(1938, "Poland") & H.TESCHEN)
    r["sudetenland"] = clean(ne("Czechia") & snap(1938, "Germany"))
    r["vienna_1938"] = clean((ne("Slovakia") | r["ruthenia"]) & snap(1938, "Hungary"))
    return r


def armistice_1918(t: Timeline, r: dict) -> None:
    """11 November 1918: the map drawn anew (:func:`base`); states that did not change continue."""
    t.step("1918-11-11", "armistice-1918", "Armistice: the successor states of Austria-Hungary and Russia",
           "Waffenstillstand: die Nachfolgestaaten Österreich-Ungarns und Russlands",
           "Armistice of Compiègne, 11 November 1918; geometry: Natural Earth 1:50m countries split along the "
           "1914, 1930 and 1938 historical-basemaps lines", "armistice-1918")
    t.reset()
    base(t, r)


def base(t: Timeline, r: dict) -> None:
    """Every state of 11 November 1918 on Natural Earth outlines (first the pieces, then the wholes)."""
    P = PROVISIONAL
    new = t.new
    germany = (ne("Germany") | r["german_poland"] | r["kaliningrad"] | r["memel"] | r["north_schleswig"]
               | r["eupen_malmedy"] | r["hlucin"])
    new("germany", germany, **st("Germany", "Deutsches Reich", p=2,
                                 note="eastern border: the 1914 line of historical-basemaps"))

    new("lithuania", ne("Lithuania"), **st("Lithuania", "Litauen", p=1, note=P + "; Vilnius was held by Poland "
                                                                                  "from April 1919 to July 1920"))
    new("poland", ne("Poland") | r["poland_east"], **st("Poland", "Polen", p=1, note=P + "; eastern border "
                                                                                          "provisional until the Treaty of Riga"))
    new("occupied_east", ne("Latvia"), **st("Territories under German occupation", "Von Deutschland besetzte Gebiete",
                                            "germany", "occupied", 1, "Latvia was proclaimed on 18 November 1918"))
    new("estonia", ne("Estonia"), **st("Estonia", "Estland", p=1, note=P))
    new("finland", ne("Finland", "Åland") | r["finnish_karelia"].difference(r["petsamo"]), **st("Finland", "Finnland"))
    new("crimea", r["crimea"], **st("Crimea", "Krim", None, "contested", 1, "civil war: held in turn by Crimean, "
                                                                             "Soviet and White governments"))
    new("czechoslovakia", ne("Czechia", "Slovakia") | r["ruthenia"], **st("Czechoslovakia", "Tschechoslowakei", p=1, note=P))
    new("romania", ne("Romania") | ne("Moldova").difference(r["transnistria"]) | r["ro_ukraine"] | r["s_dobruja"] , **st("Romania", "Rumänien", p=1, note=P))
    new("ukraine", ne("Ukraine", "Moldova"), **st("Ukraine", "Ukraine", None, "contested", 1,
                                                  "civil war: the Ukrainian People's Republic, the Ukrainian SSR and "
                                                  "White forces contested Ukraine until 1920"))
    new("belarus", ne("Belarus"), **st("Belarus", "Weißrussland", None, "contested", 1,
                                       "contested by Soviet, Belarusian and Polish forces until 1920"))
    new("austria", ne("Austria"), **st("German-Austria", "Deutschösterreich", p=1, note=P + "; proclaimed on 12 November 1918"))
    new("hungary", ne("Hungary"), **st("Hungary", "Ungarn", p=1, note=P + "; proclaimed on 16 November 1918"))
    new("italy", ne("Italy", "Vatican") | r["julian_march"], **st("Italy", "Italien", p=2,
                                                                  note="South Tyrol, Trieste and Istria under Italian "
                                                                       "occupation until the treaties of 1920"))
    new("dodecanese", r["dodecanese"], **st("Italian Aegean Islands", "Italienische Ägäis-Inseln", "italy", "colony", 2))
    new("bulgaria", ne("Bulgaria") | r["western_thrace"] | r["western_outlands"], **st("Bulgaria", "Bulgarien"))
    new("yugoslavia", ne("Slovenia", "Croatia", "Bosnia and Herz.", "Serbia", "Kosovo", "Montenegro", "Macedonia"),
        **st("Kingdom of Serbs, Croats and Slovenes", "Königreich der Serben, Kroaten und Slowenen", p=1,
             note=P + "; proclaimed on 1 December 1918"))
    new("greece", ne("Greece"), **st("Greece", "Griechenland"))
    new("albania", ne("Albania"), **st("Albania", "Albanien", p=2))
    new("syria", ne("Syria", "Lebanon") | r["hatay"], **st("Syria", "Syrien", "allies", "occupied", 1,
                                                             "Occupied Enemy Territory Administration"))
    new("ottoman_empire", ne("Turkey"), **st("Ottoman Empire", "Osmanisches Reich", p=1,
                                             note="Allied, Greek, Italian and French occupation zones are not drawn"))
    new("cyprus", ne("Cyprus", "N. Cyprus"), **st("Cyprus", "Zypern", "uk", "colony"))
    new("palestine", ne("Israel", "Palestine"), **st("Palestine", "Palästina", "uk", "mandate", 2,
                                                       "British military administration until 1920"))
    new("transjordan", ne("Jordan"), **st("Transjordan", "Transjordanien", "allies", "occupied", 1,
                                          "Occupied Enemy Territory Administration"))
    new("iraq", ne("Iraq"), **st("Mesopotamia", "Mesopotamien", "uk", "occupied", 1, "drawn with today's borders of Iraq"))
    new("kuwait", ne("Kuwait"), **st("Kuwait", "Kuwait", "uk", "protectorate"))
    new("bahrain", ne("Bahrain"), **st("Bahrain", "Bahrain", "uk", "protectorate"))
    new("qatar", ne("Qatar"), **st("Qatar", "Katar", "uk", "protectorate"))
    new("trucial_states", ne("United Arab Emirates"), **st("Trucial States", "Vertragsoman", "uk", "protectorate"))
    new("oman", ne("Oman"), **st("Muscat and Oman", "Maskat und Oman"))
    new("hejaz", r["hejaz"], **st("Kingdom of Hejaz", "Königreich Hedschas", p=1,
                                  note="its border with Nejd from the 1920 snapshot"))
    new("nejd", ne("Saudi Arabia"), **st("Nejd", "Nadschd", p=1, note="the Emirate of Jabal Shammar (Ha'il) is not drawn"))
    new("iran", ne("Iran"), **st("Persia", "Persien"))
    new("afghanistan", ne("Afghanistan"), **st("Afghanistan", "Afghanistan", "uk", "protectorate", 2,
                                               "foreign affairs under British control until 1919"))
    new("british_india", ne("Pakistan", "India"), **st("British India", "Britisch-Indien", "uk", "colony"))
    new("egypt", ne("Egypt"), **st("Sultanate of Egypt", "Sultanat Ägypten", "uk", "protectorate"))
    new("libya", ne("Libya"), **st("Libya (Tripolitania and Cyrenaica)", "Libyen (Tripolitanien und Cyrenaika)",
                                   "italy", "colony", 1, "Italy held little beyond the coast until the 1920s"))
    new("tunisia", ne("Tunisia"), **st("Tunisia", "Tunesien", "france", "protectorate"))
    new("algeria", ne("Algeria"), **st("Algeria", "Algerien", "france", "colony"))
    new("spanish_morocco", r["spanish_morocco"], **st("Spanish Morocco", "Spanisch-Marokko", "spain", "protectorate", 1,
                                                      "the Tangier zone is not drawn"))
    new("french_morocco", ne("Morocco"), **st("French Morocco", "Französisch-Marokko", "france", "protectorate"))
    new("spanish_sahara", ne("W. Sahara"), **st("Spanish Sahara", "Spanisch-Sahara", "spain", "colony"))
    new("french_west_africa", ne("Mauritania", "Mali"), **st("French West Africa", "Französisch-Westafrika", "france", "colony"))
    new("united_kingdom", ne("United Kingdom", "Ireland", "Isle of Man", "Jersey", "Guernsey"),
        **st("United Kingdom", "Vereinigtes Königreich", p=3))
    new("denmark", ne("Denmark", "Faeroe Is."), **st("Denmark", "Dänemark", p=2))
    new("greenland", ne("Greenland"), **st("Greenland", "Grönland", "denmark", "colony"))
    new("iceland", ne("Iceland"), **st("Iceland", "Island", "denmark", "colony", 2, "a Danish dependency until "
                                                                                   "1 December 1918"))
    for key, country, en, de in (("norway", "Norway", "Norway", "Norwegen"), ("sweden", "Sweden", "Sweden", "Schweden"),
                                 ("netherlands", "Netherlands", "Netherlands", "Niederlande"),
                                 ("belgium", "Belgium", "Belgium", "Belgien"),
                                 ("luxembourg", "Luxembourg", "Luxembourg", "Luxemburg"),
                                 ("switzerland", "Switzerland", "Switzerland", "Schweiz"),
                                 ("liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein"),
                                 ("san_marino", "San Marino", "San Marino", "San Marino"),
                                 ("andorra", "Andorra", "Andorra", "Andorra"),
                                 ("spain", "Spain", "Spain", "Spanien"), ("portugal", "Portugal", "Portugal", "Portugal")):
        new(key, ne(country), **st(en, de, p=3))
    new("france", ne("France", "Monaco"), **st("France", "Frankreich", p=3))
    new("malta", ne("Malta"), **st("Malta", "Malta", "uk", "colony", 3))
    new("georgia", ne("Georgia"), **st("Georgia", "Georgien", p=1, note="borders with Armenia and Turkey contested"))
    new("armenia", ne("Armenia"), **st("Armenia", "Armenien", p=1, note="borders with its neighbours contested; "
                                                                        "Kars is not drawn as Armenian"))
    new("azerbaijan", ne("Azerbaijan"), **st("Azerbaijan", "Aserbaidschan", p=1, note="borders contested"))
    rest = t.rest()
    soviet = ne("Russia", "Kazakhstan", "Uzbekistan", "Turkmenistan", "Tajikistan", "Kyrgyzstan")
    stray = rest.difference(soviet).area
    if stray > 0.01:
        raise ValueError(f"{stray:.3f} sq. deg. of land outside Russia and Central Asia has no state on 1918-11-11")
    new("russia", rest & soviet, **st("Soviet Russia", "Sowjetrussland", p=1, note="civil war; the Bukharan and "
                                                                                   "Khorezm republics and the White governments are not drawn"))
    t.fill_gaps()
    for key, word in (("germany", "Kongeå"), ("denmark", "Kongeå"), ("germany", "Eupen"), ("belgium", "Eupen"),
                      ("germany", "Hlučín"), ("czechoslovakia", "Hlučín")):
        t.line(key, 1, OLD_LINES[word])
