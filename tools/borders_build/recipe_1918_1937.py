"""Every dated change from November 1918 to 1937, in order. Each step names its date, a title in
English and German, its source and, where an event of the dataset made it, that event's id."""

from __future__ import annotations

from .engine import Timeline
from .recipe_common import st
from .sources import ne

HAND = "hand-drawn"
EAST_PRUSSIA_EDGE = (1, "East Prussia's south-western edge hand-drawn")
DEMARCATION = (1, "Polish–Lithuanian demarcation line hand-drawn")
CAUCASUS = "drawn with today's borders in the Caucasus"
CENTRAL_ASIA = "Soviet Central Asia drawn with today's borders"
SSR = "union republic"


def _ssr(name: str, de: str, p: int = 2, note: str = "") -> dict:
    return st(name, de, "ussr", SSR, p, note)


def steps_1918_1922(t: Timeline, r: dict) -> None:
    """From the armistice to the founding of the Soviet Union."""
    S = t.step
    S("1918-11-18", "latvia-1918", "Latvia proclaims its independence", "Lettland erklärt seine Unabhängigkeit",
      "Proclamation of the Republic of Latvia, 18 November 1918")
    t.take("latvia", t.geom("occupied_east"), "occupied_east", **st("Latvia", "Lettland", p=1, note="borders provisional "
                                                                                                    "until 1920"))
    S("1918-12-01", "iceland-1918", "Kingdom of Iceland in personal union with Denmark",
      "Königreich Island in Personalunion mit Dänemark", "Danish–Icelandic Act of Union, in force 1 December 1918")
    t.set("iceland", **st("Kingdom of Iceland", "Königreich Island", None, "personal union", 2, "in personal union "
                                                                                               "with Denmark"))
    S("1919-08-19", "afghanistan-1919", "Afghanistan independent", "Afghanistan unabhängig",
      "Treaty of Rawalpindi, 8 August 1919; independence day 19 August 1919")
    t.set("afghanistan", **st("Afghanistan", "Afghanistan"))
    S("1919-10-21", "austria-1919", "German-Austria becomes the Republic of Austria",
      "Deutschösterreich wird zur Republik Österreich", "Treaty of Saint-Germain, 10 September 1919; the name "
      "changed on 21 October 1919")
    t.set("austria", **st("Austria", "Österreich", p=2, note="Burgenland (Hungarian until 1921) is drawn as Austrian"))
    S("1920-01-10", "versailles-1920", "Treaty of Versailles in force: Germany cedes its eastern provinces, "
      "Danzig, Memel, Eupen-Malmedy and the Saar", "Der Versailler Vertrag tritt in Kraft: Deutschland tritt "
      "Posen, Westpreußen, Danzig, das Memelland, Eupen-Malmedy und das Saargebiet ab",
      "Treaty of Versailles, in force 10 January 1920", "versailles-1919")
    t.set("germany", **st("Germany", "Deutsches Reich", p=2))   # the 1914 line in the east is gone
    line_1920 = (2, "German–Polish border of 1920: historical-basemaps 1930 snapshot")
    t.take("poland", r["to_poland_1920"], "germany", line=[line_1920, EAST_PRUSSIA_EDGE])
    t.take("danzig", r["danzig"], "germany", line=[line_1920, EAST_PRUSSIA_EDGE],
           **st("Danzig", "Danzig", "allies", "Allied administration", 2,
                "the Free City was constituted on 15 November 1920"))
    t.take("memel", r["memel"], "germany", **st("Memel Territory", "Memelgebiet", "allies", "Allied administration", 2,
                                                "under French administration for the Allies from 15 February 1920"))
    t.take("saar", r["saar"], "germany", line=(1, "the Saar Territory is drawn as the larger Saar of 1947 "
                                                  "(historical-basemaps 1945 snapshot)"),
           **st("Territory of the Saar Basin", "Saargebiet", "league", "League of Nations territory", 1))
    t.take("belgium", r["eupen_malmedy"], "germany", drop=("Eupen",), **st("Belgium", "Belgien", p=3))
    S("1920-02-02", "tartu-estonia-1920", "Treaty of Tartu: Estonia's borders", "Friede von Dorpat: die Grenzen "
      "Estlands", "Treaty of Tartu (Estonia–Soviet Russia), 2 February 1920")
    t.set("estonia", **st("Estonia", "Estland", p=2))
    S("1920-02-04", "hlucin-1920", "The Hlučín region to Czechoslovakia", "Das Hultschiner Ländchen an die "
      "Tschechoslowakei", "Treaty of Versailles, art. 83; handed over 4 February 1920")
    t.take("czechoslovakia", r["hlucin"], "germany", drop=("Hlučín",))
    S("1920-04-28", "azerbaijan-1920", "Soviet rule in Azerbaijan", "Sowjetherrschaft in Aserbaidschan",
      "Red Army takes Baku, 28 April 1920")
    t.set("azerbaijan", **st("Azerbaijan SSR", "Aserbaidschanische SSR", "russia", "client state", 1, CAUCASUS))
    S("1920-06-15", "schleswig-1920", "North Schleswig to Denmark", "Nordschleswig an Dänemark",
      "Plebiscite of 10 February 1920 in Zone I; sovereignty passed to Denmark on 15 June 1920",
      "schleswig-plebiscite-1920")
    t.take("denmark", r["north_schleswig"], "germany", drop=("Kongeå",), **st("Denmark", "Dänemark", p=3))
    S("1920-07-12", "moscow-lithuania-1920", "Soviet–Lithuanian Peace Treaty", "Sowjetisch-litauischer "
      "Friedensvertrag", "Treaty of Moscow (Lithuania–Soviet Russia), 12 July 1920; Vilnius handed to Lithuania "
      "in August 1920")
    t.set("lithuania", **st("Lithuania", "Litauen", p=2))
    S("1920-07-25", "syria-mandate-1920", "French mandate in Syria", "Französisches Mandat in Syrien",
      "Battle of Maysalun, 24 July 1920; French occupation of Damascus, 25 July 1920")
    t.set("syria", **st("Syria", "Syrien", "france", "mandate", 2))
    S("1920-07-31", "bssr-1920", "Byelorussian SSR re-established", "Weißrussische SSR wiederbegründet",
      "Declaration of 31 July 1920")
    t.set("belarus", **st("Byelorussian SSR", "Weißrussische SSR", "russia", "client state", 1,
                          "drawn in its extent of 1926 (enlarged from the RSFSR in 1924 and 1926)"))
    S("1920-08-09", "neuilly-1920", "Treaty of Neuilly in force: Western Thrace and the Western Outlands",
      "Vertrag von Neuilly in Kraft: Westthrakien und die Westgebiete", "Treaty of Neuilly-sur-Seine, in force "
      "9 August 1920")
    t.take("greece", r["western_thrace"], "bulgaria")
    t.take("yugoslavia", r["western_outlands"], "bulgaria")
    S("1920-08-11", "riga-latvia-1920", "Latvian–Soviet Peace Treaty", "Lettisch-sowjetischer Friedensvertrag",
      "Treaty of Riga (Latvia–Soviet Russia), 11 August 1920")
    t.set("latvia", **st("Latvia", "Lettland", p=2))
    S("1920-09-01", "lebanon-1920", "State of Greater Lebanon", "Staat Großlibanon",
      "Proclamation by General Gouraud, 1 September 1920")
    t.take("lebanon", ne("Lebanon"), "syria", **st("Greater Lebanon", "Großlibanon", "france", "mandate", 2))
    S("1920-10-09", "zeligowski-1920", "Żeligowski's mutiny: Vilnius taken, Central Lithuania set up",
      "Meuterei Żeligowskis: Wilna besetzt, Mittellitauen gegründet",
      "Żeligowski's troops take Vilnius, 9 October 1920; Central Lithuania proclaimed 12 October",
      "zeligowski-mutiny-1920")
    t.take("central_lithuania", r["vilnius_lt"], "lithuania", line=DEMARCATION,
           **st("Republic of Central Lithuania", "Republik Mittellitauen", "poland", "client state", 1))
    t.take("central_lithuania", r["central_lithuania_by"], "poland", line=(1, "Central Lithuania's southern and "
                                                                             "eastern edge " + HAND))
    S("1920-11-12", "rapallo-1920", "Treaty of Rapallo: the Italian–Yugoslav border",
      "Vertrag von Rapallo: die italienisch-jugoslawische Grenze", "Treaty of Rapallo, 12 November 1920; Fiume "
      "(a free state until 1924) is not drawn", "rapallo-1920")
    t.set("italy", **st("Italy", "Italien", p=2))
    S("1920-11-15", "danzig-1920", "Free City of Danzig", "Freie Stadt Danzig",
      "Constitution of the Free City under League of Nations protection, 15 November 1920")
    t.set("danzig", **st("Free City of Danzig", "Freie Stadt Danzig", "league", "free city", 2))
    S("1920-11-17", "crimea-1920", "End of the civil war in the south: Ukrainian SSR, Crimea Soviet",
      "Ende des Bürgerkriegs im Süden: Ukrainische SSR, die Krim sowjetisch",
      "Evacuation of Wrangel's army from Crimea, 14–17 November 1920")
    t.set("ukraine", **st("Ukrainian SSR", "Ukrainische SSR", "russia", "client state", 2))
    t.take("russia", t.geom("crimea"), "crimea")
    S("1920-12-02", "armenia-1920", "Soviet rule in Armenia", "Sowjetherrschaft in Armenien",
      "Red Army enters Yerevan; Treaty of Alexandropol, 2 December 1920")
    t.set("armenia", **st("Armenian SSR", "Armenische SSR", "russia", "client state", 1, CAUCASUS))
    S("1920-12-31", "tartu-1920", "Petsamo to Finland", "Petsamo an Finnland",
      "Treaty of Tartu (Finland–Soviet Russia), 14 October 1920, in force 31 December 1920")
    t.take("finland", r["petsamo"], "russia", line=(1, "Petsamo's southern edge " + HAND))
    S("1921-02-25", "georgia-1921", "Soviet rule in Georgia", "Sowjetherrschaft in Georgien",
      "Red Army takes Tbilisi, 25 February 1921")
    t.set("georgia", **st("Georgian SSR", "Georgische SSR", "russia", "client state", 1, CAUCASUS))
    S("1921-03-18", "riga-1921", "Treaty of Riga: the Polish–Soviet border", "Friede von Riga: die polnisch-sowjetische "
      "Grenze", "Peace of Riga, 18 March 1921; line: historical-basemaps 1930 snapshot", "riga-1921")
    t.set("poland", **st("Poland", "Polen", p=2))
    t.set("ukraine", **st("Ukrainian SSR", "Ukrainische SSR", "russia", "client state", 2,
                          "western border by the Treaty of Riga"))
    t.set("belarus", **st("Byelorussian SSR", "Weißrussische SSR", "russia", "client state", 1,
                          "western border by the Treaty of Riga; drawn in its extent of 1926"))
    S("1921-04-11", "transjordan-1921", "Emirate of Transjordan", "Emirat Transjordanien",
      "Abdullah's government in Amman, 11 April 1921, under the British mandate")
    t.set("transjordan", **st("Emirate of Transjordan", "Emirat Transjordanien", "uk", "mandate", 2))
    S("1921-07-26", "trianon-1921", "Treaty of Trianon in force: the borders of Hungary and its neighbours",
      "Der Vertrag von Trianon tritt in Kraft: die Grenzen Ungarns und seiner Nachbarn",
      "Treaty of Trianon, 4 June 1920, in force 26 July 1921")
    for key, en, de in (("hungary", "Hungary", "Ungarn"), ("czechoslovakia", "Czechoslovakia", "Tschechoslowakei"),
                        ("romania", "Romania", "Rumänien")):
        t.set(key, **st(en, de, p=2))
    t.set("yugoslavia", **st("Kingdom of Serbs, Croats and Slovenes", "Königreich der Serben, Kroaten und Slowenen", p=2))
    t.set("austria", **st("Austria", "Österreich", p=3))
    S("1921-08-23", "iraq-1921", "Kingdom of Iraq under British mandate", "Königreich Irak unter britischem Mandat",
      "Coronation of Faisal I, 23 August 1921")
    t.set("iraq", **st("Kingdom of Iraq", "Königreich Irak", "uk", "mandate", 2))
    S("1922-02-28", "egypt-1922", "Kingdom of Egypt", "Königreich Ägypten",
      "British declaration of Egyptian independence, 28 February 1922")
    t.set("egypt", **st("Kingdom of Egypt", "Königreich Ägypten", p=2, note="British troops and control of the Suez "
                                                                            "Canal remained"))
    S("1922-03-24", "vilnius-1922", "Poland annexes Central Lithuania", "Polen annektiert Mittellitauen",
      "Vote of the Sejm of Central Lithuania, 20 February 1922; accepted by the Polish Sejm, 24 March 1922 "
      "(act of 6 April; Wilno Land formed 13 April 1922)",
      "vilnius-annexation-1922")
    t.take("poland", t.geom("central_lithuania"), "central_lithuania", line=DEMARCATION,
           drop=("Central Lithuania's",))
    S("1922-06-20", "upper-silesia-1922", "East Upper Silesia to Poland", "Ostoberschlesien an Polen",
      "Partition by the Conference of Ambassadors, 20 October 1921; Geneva Convention of 15 May 1922; Polish "
      "troops take over Katowice on 20 June 1922; line: historical-basemaps 1930 snapshot",
      "upper-silesia-partition-1922")
    t.take("poland", r["upper_silesia_east"], "germany", line=(1, "the 1922 line in Upper Silesia " + HAND))
    S("1922-11-01", "sultanate-1922", "The Ottoman sultanate abolished: Turkey under the Ankara government",
      "Das osmanische Sultanat abgeschafft: die Türkei unter der Regierung in Ankara",
      "Abolition of the sultanate by the Grand National Assembly, 1 November 1922")
    t.set("ottoman_empire", **st("Turkey", "Türkei", p=1, note="borders provisional until the Treaty of Lausanne"))
    S("1922-12-06", "irish-free-state-1922", "Irish Free State", "Irischer Freistaat",
      "Anglo-Irish Treaty, 6 December 1921; the Irish Free State came into being on 6 December 1922",
      "irish-free-state-1922")
    t.take("ireland", ne("Ireland"), "united_kingdom", **st("Irish Free State", "Irischer Freistaat", None, "dominion", 3))
    S("1922-12-30", "ussr-1922", "The Soviet Union founded", "Gründung der Sowjetunion",
      "Treaty on the Creation of the USSR, 30 December 1922", "ussr-founding-1922")
    t.set("russia", **_ssr("Russian SFSR", "Russische SFSR", 1, "Central Asia drawn inside the RSFSR until 1924; "
                                                                "the Bukharan and Khorezm republics are not drawn"))
    t.set("ukraine", **_ssr("Ukrainian SSR", "Ukrainische SSR"))
    t.set("belarus", **_ssr("Byelorussian SSR", "Weißrussische SSR", 1, "drawn in its extent of 1926"))
    for key in ("georgia", "armenia", "azerbaijan"):
        t.take("transcaucasia", t.geom(key), key, **_ssr("Transcaucasian SFSR", "Transkaukasische SFSR", 1, CAUCASUS))


def steps_1923_1937(t: Timeline, r: dict) -> None:
    """From Memel 1923 to the Irish constitution of 1937."""
    S = t.step
    S("1923-01-15", "klaipeda-1923", "Klaipėda revolt: the Memel Territory to Lithuania",
      "Aufstand in Memel: das Memelgebiet an Litauen", "Revolt of 10–15 January 1923; transfer recognised by the "
      "Conference of Ambassadors, 16 February 1923; autonomy by the Klaipėda Convention of 1924",
      "klaipeda-revolt-1923")
    t.take("lithuania", t.geom("memel"), "memel")
    S("1923-07-24", "lausanne-1923", "Treaty of Lausanne: Turkey's borders", "Vertrag von Lausanne: die Grenzen der "
      "Türkei", "Treaty of Lausanne, 24 July 1923; the Republic of Turkey was proclaimed on 29 October 1923",
      "lausanne-1923")
    t.set("ottoman_empire", **st("Turkey", "Türkei", p=2, note="the Mosul question with Iraq settled in 1926"))
    S("1924-10-27", "central-asia-1924", "Uzbek and Turkmen SSRs formed", "Usbekische und Turkmenische SSR gebildet",
      "National delimitation in Central Asia, 27 October 1924; outlines: today's borders (Natural Earth)")
    t.take("uzbekistan", ne("Uzbekistan", "Tajikistan"), "russia", line=(1, CENTRAL_ASIA),
           **_ssr("Uzbek SSR", "Usbekische SSR", 1, "includes the Tajik ASSR"))
    t.take("turkmenistan", ne("Turkmenistan"), "russia", **_ssr("Turkmen SSR", "Turkmenische SSR", 1, CENTRAL_ASIA))
    S("1926-01-08", "hejaz-nejd-1926", "Ibn Saud King of Hejaz: Hejaz and Nejd", "Ibn Saud König des Hedschas: "
      "Hedschas und Nadschd", "Ibn Saud proclaimed King of Hejaz, 8 January 1926")
    t.take("nejd", t.geom("hejaz"), "hejaz", **st("Hejaz and Nejd", "Hedschas und Nadschd", p=2))
    S("1926-05-23", "lebanon-1926", "Lebanese Republic", "Libanesische Republik", "Constitution of 23 May 1926")
    t.set("lebanon", **st("Lebanese Republic", "Libanesische Republik", "france", "mandate", 2))
    S("1929-10-03", "yugoslavia-1929", "The Kingdom of Serbs, Croats and Slovenes renamed Yugoslavia",
      "Das Königreich der Serben, Kroaten und Slowenen heißt nun Jugoslawien", "Law of 3 October 1929")
    t.set("yugoslavia", **st("Kingdom of Yugoslavia", "Königreich Jugoslawien", p=2))
    S("1929-12-05", "tajikistan-1929", "Tajik SSR", "Tadschikische SSR", "Tajik SSR admitted to the USSR, 5 December 1929")
    t.take("tajikistan", ne("Tajikistan"), "uzbekistan", **_ssr("Tajik SSR", "Tadschikische SSR", 1, CENTRAL_ASIA))
    t.set("uzbekistan", **_ssr("Uzbek SSR", "Usbekische SSR", 1, CENTRAL_ASIA))
    S("1932-09-23", "saudi-arabia-1932", "Kingdom of Saudi Arabia", "Königreich Saudi-Arabien",
      "Royal decree unifying Hejaz and Nejd, 23 September 1932")
    t.set("nejd", **st("Saudi Arabia", "Saudi-Arabien", p=2))
    S("1932-10-03", "iraq-1932", "Iraq independent", "Irak unabhängig", "Iraq admitted to the League of Nations, "
      "3 October 1932")
    t.set("iraq", **st("Kingdom of Iraq", "Königreich Irak", p=2))
    S("1934-01-01", "libya-1934", "Tripolitania and Cyrenaica united as Italian Libya",
      "Tripolitanien und Cyrenaika zu Italienisch-Libyen vereinigt", "One governor-general for both colonies from "
      "1 January 1934")
    t.set("libya", **st("Italian Libya", "Italienisch-Libyen", "italy", "colony", 2))
    S("1935-03-01", "saar-1935", "The Saar returns to Germany", "Das Saargebiet kehrt zum Deutschen Reich zurück",
      "Plebiscite of 13 January 1935; returned on 1 March 1935", "saar-plebiscite-1935")
    t.take("germany", t.geom("saar"), "saar", drop=("Saar",))
    S("1935-03-21", "iran-1935", "Persia becomes Iran", "Persien heißt nun Iran", "Decree in force 21 March 1935")
    t.set("iran", **st("Iran", "Iran"))
    S("1936-12-05", "ussr-1936", "Stalin constitution: Transcaucasia divided, Kazakh and Kirghiz SSRs",
      "Stalin-Verfassung: Transkaukasien aufgeteilt, Kasachische und Kirgisische SSR",
      "Constitution of the USSR, 5 December 1936")
    for key, country, en, de in (("georgia", "Georgia", "Georgian SSR", "Georgische SSR"),
                                 ("armenia", "Armenia", "Armenian SSR", "Armenische SSR"),
                                 ("azerbaijan", "Azerbaijan", "Azerbaijan SSR", "Aserbaidschanische SSR")):
        t.take(key, ne(country), "transcaucasia", **_ssr(en, de, 2))
    t.take("kazakhstan", ne("Kazakhstan"), "russia", **_ssr("Kazakh SSR", "Kasachische SSR", 1,
                                                             CENTRAL_ASIA))
    t.take("kyrgyzstan", ne("Kyrgyzstan"), "russia", **_ssr("Kirghiz SSR", "Kirgisische SSR", 1,
                                                             CENTRAL_ASIA))
    S("1937-12-29", "ireland-1937", "Constitution of Ireland: the state is named Éire (Ireland)",
      "Irische Verfassung: der Staat heißt Éire (Irland)", "Constitution of Ireland, in force 29 December 1937")
    t.set("ireland", **st("Ireland (Éire)", "Irland (Éire)", None, "dominion", 3))
