"""The demo archive's agenda topics: real cluster subjects, written as templates for the product.

Placeholders filled per meeting (content.py): {body} {Body} the forum as the text names it, {area},
{hospital}, {psychiatry}, {year} {prev} {next}, {presenter}, {owner}, {due} (a date in words),
{next_month} (month of the next meeting), {gp} {munis} (who speaks for general
practice and for the municipalities in this forum), and numbers {n1} {n2} {pilot} {days} {p1} {p2} {amount}
{horizon}.
A line starting with '- ' is a list entry. The Referat of every topic holds one follow-up sentence
with an owner and, mostly, a due date, as real minutes do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    minutes_long: int
    presenter_kinds: tuple[str, ...]
    recommendation: str
    case_text: str
    minutes: str
    decision: str
    attachments: tuple[str, ...]
    action_task: str
    """The follow-up as the interchange's action task, matching the sentence in `minutes`."""
    action_due: bool = True


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="genindlaeggelser",
        title="Status på forebyggelige genindlæggelser i {area}",
        minutes_long=30,
        presenter_kinds=("hospital", "region", "administration"),
        recommendation="at {body} tager status på genindlæggelser til efterretning\n"
        "at {body} drøfter, hvilke indsatser der skal prioriteres i {next}",
        case_text="Andelen af akutte genindlæggelser inden for 30 dage efter udskrivelse var i {prev} på "
        "{p1} procent for borgere over 65 år i {area} mod {p2} procent året før. Udviklingen dækker over "
        "store forskelle mellem kommunerne og mellem de medicinske afdelinger.\n"
        "Den fælles datagruppe har gennemgået {n1} forløb og peger på tre gennemgående årsager:\n"
        "- mangelfuld medicinafstemning ved udskrivelse\n"
        "- sen opfølgning i kommunen i de første døgn efter udskrivelse\n"
        "- uklar aftale om, hvem der følger op på prøvesvar\n"
        "På mødet præsenteres tallene og forslag til fælles indsatser.",
        minutes="{presenter} gennemgik tallene. Der var enighed om, at opfølgningen i de første 48 timer "
        "efter udskrivelse er det vigtigste sted at sætte ind. {gp} pegede på, at epikriserne "
        "skal nå frem samme dag.\n"
        "{owner} er tovholder på et forslag til en fælles udskrivelsestjekliste og udsender forslaget "
        "senest den {due}.",
        decision="Status blev taget til efterretning.\n"
        "Opfølgning efter udskrivelse blev prioriteret som fælles indsatsområde i {next}.",
        attachments=("Notat om genindlæggelser {prev}.pdf", "Datatræk fra den fælles datagruppe.xlsx"),
        action_task="udsender forslag til en fælles udskrivelsestjekliste",
    ),
    Topic(
        key="faerdigbehandling",
        title="Færdigbehandlingsdage og udskrivning til kommunerne",
        minutes_long=30,
        presenter_kinds=("kommune", "administration", "hospital"),
        recommendation="at {body} drøfter udviklingen i antallet af færdigbehandlingsdage\n"
        "at {body} godkender forslaget om en fælles udskrivningskoordinator",
        case_text="I {prev} blev der registreret {n1} færdigbehandlingsdage på {hospital}, hvilket er en "
        "stigning på {p1} procent. Stigningen skyldes især ventetid på midlertidige pladser og på "
        "hjemmeplejens opstart i weekender.\n"
        "Kommunerne og hospitalet har i fællesskab afprøvet en ordning, hvor en udskrivningskoordinator "
        "deltager i tavlemødet på de medicinske afsnit hver formiddag. I forsøgsperioden faldt antallet "
        "af færdigbehandlingsdage med {p2} procent.\n"
        "Det foreslås at gøre ordningen permanent og dele udgiften efter befolkningstal.",
        minutes="{presenter} fremlagde erfaringerne fra forsøget. Flere medlemmer fremhævede, at ordningen "
        "også har givet færre sene udskrivelser fredag eftermiddag. Der blev spurgt til finansieringen "
        "efter {next}.\n"
        "{owner} udarbejder et udkast til en samarbejdsaftale om udskrivningskoordinatoren senest den {due}.",
        decision="Forslaget om en fælles udskrivningskoordinator blev godkendt.\n"
        "Finansieringen efter {next} drøftes på et senere møde.",
        attachments=("Evaluering af forsøg med udskrivningskoordinator.pdf",),
        action_task="udarbejder et udkast til en samarbejdsaftale om udskrivningskoordinatoren",
    ),
    Topic(
        key="iv_hjemme",
        title="IV-behandling i eget hjem – fælles model",
        minutes_long=35,
        presenter_kinds=("hospital", "region", "administration"),
        recommendation="at {body} godkender den fælles model for IV-behandling i eget hjem\n"
        "at {body} udpeger en repræsentant til implementeringsgruppen",
        case_text="Flere borgere kan i dag få intravenøs antibiotika i eget hjem i stedet for under "
        "indlæggelse. Det forudsætter en klar arbejdsdeling mellem hospitalets infektionsmedicinske team, "
        "de kommunale akutsygeplejersker og den praktiserende læge.\n"
        "Arbejdsgruppen har udarbejdet en model, hvor hospitalet har behandlingsansvaret, og kommunen "
        "varetager den praktiske indgift efter oplæring. Hospitalet leverer medicin og utensilier for hele "
        "forløbet. I pilotperioden er {pilot} borgere behandlet i eget hjem med i alt {days} sparede "
        "sengedage.\n"
        "Modellen indebærer, at sygeplejersker i alle kommuner i {area} oplæres i løbet af {next}.",
        minutes="{presenter} præsenterede modellen og resultaterne fra pilotperioden. {munis} udtrykte "
        "opbakning, men pegede på, at oplæringen skal kunne ske lokalt og i dagtimerne. Der var ønske om "
        "en fælles instruks for håndtering af komplikationer om natten.\n"
        "{owner} er tovholder på implementeringsgruppen og udsender den endelige model senest den {due}.",
        decision="Modellen for IV-behandling i eget hjem blev godkendt.\n"
        "{owner} blev udpeget som repræsentant i implementeringsgruppen.",
        attachments=(
            "Model for IV-behandling i eget hjem.pdf",
            "Instruks for oplæring af kommunale sygeplejersker.docx",
        ),
        action_task="udsender den endelige model for IV-behandling i eget hjem",
    ),
    Topic(
        key="palliation",
        title="Palliation og den sidste tid – tidlig samtale om livets afslutning",
        minutes_long=30,
        presenter_kinds=("hospital", "praksis", "kommune"),
        recommendation="at {body} drøfter status for den palliative indsats\n"
        "at {body} tilslutter sig anbefalingerne om tidlig samtale om livets afslutning",
        case_text="Omkring halvdelen af borgerne i {area} dør på hospitalet, selvom de fleste ønsker at dø i "
        "eget hjem. En gennemgang af {n1} forløb viser, at samtalen om ønsker til den sidste tid ofte "
        "først finder sted under den sidste indlæggelse.\n"
        "Den palliative arbejdsgruppe anbefaler:\n"
        "- at den praktiserende læge tilbyder en forberedende samtale, når en borger vurderes at være i "
        "sidste leveår\n"
        "- at ønsker og aftaler registreres, så de er synlige for hospital, kommune og vagtlæge\n"
        "- at hjemmesygeplejen kan kontakte det palliative team direkte hele døgnet",
        minutes="{presenter} gennemgik anbefalingerne. {gp} bakkede op og nævnte, at samtalen "
        "kan honoreres efter overenskomsten. Der blev lagt vægt på, at de pårørende inddrages tidligt.\n"
        "{owner} er tovholder på en fælles temadag for medarbejdere på tværs af sektorer og sender "
        "program og invitation ud senest den {due}.",
        decision="Status blev taget til efterretning.\n{Body} tilsluttede sig anbefalingerne.",
        attachments=("Anbefalinger fra den palliative arbejdsgruppe.pdf",),
        action_task="sender program og invitation til temadag om palliation ud",
    ),
    Topic(
        key="rygestop",
        title="Rygestop – henvisning fra hospital og almen praksis",
        minutes_long=20,
        presenter_kinds=("kommune", "administration", "region"),
        recommendation="at {body} tager orienteringen om den fælles rygestopindsats til efterretning\n"
        "at {body} godkender, at indsatsen udvides til ambulante patienter",
        case_text="Siden {prev} er indlagte rygere systematisk blevet spurgt, om de ønsker henvisning til "
        "kommunens rygestoptilbud. Henvisningen sendes elektronisk, og kommunen kontakter borgeren inden "
        "for fem hverdage.\n"
        "I alt {n1} borgere er henvist, og {p1} procent af dem, der gennemførte et forløb, var røgfri efter "
        "seks måneder. Andelen af henviste fra almen praksis er fortsat lav.\n"
        "Det foreslås at udvide indsatsen til de ambulante patienter i lungemedicinsk og kardiologisk "
        "ambulatorium.",
        minutes="{presenter} orienterede om resultaterne. Medlemmerne roste det enkle henvisningsflow. "
        "{gp} pegede på, at henvisningen bør gøres lettere i lægesystemerne.\n"
        "{owner} er tovholder på udvidelsen til ambulatorierne og giver status på mødet i {next_month}.",
        decision="Orienteringen blev taget til efterretning.\n"
        "Udvidelsen til ambulante patienter blev godkendt.",
        attachments=("Resultater af rygestopindsatsen.pdf",),
        action_task="giver status på udvidelsen af rygestopindsatsen til ambulatorierne",
        action_due=False,
    ),
    Topic(
        key="akutfunktioner",
        title="Kommunale akutfunktioner – kompetencer og samarbejde med akutmodtagelsen",
        minutes_long=25,
        presenter_kinds=("kommune", "administration", "hospital"),
        recommendation="at {body} drøfter status for de kommunale akutfunktioner\n"
        "at {body} godkender forslaget til fælles kompetenceprofil",
        case_text="De kommunale akutfunktioner i {area} har i {prev} haft {n1} forløb, heraf {p1} procent "
        "efter henvisning fra vagtlægen eller akutmodtagelsen. Kvalitetsstandarden for akutfunktionerne "
        "stiller krav til sygeplejerskernes kompetencer, og kommunerne har forskellige modeller for, "
        "hvordan kravene opfyldes.\n"
        "Arbejdsgruppen foreslår en fælles kompetenceprofil og en aftale om, at akutmodtagelsen kan "
        "rådføre sig direkte med akutfunktionen inden udskrivelse af skrøbelige ældre.",
        minutes="{presenter} fremlagde status. Der var drøftelse af, hvordan akutfunktionerne bliver bedre "
        "kendt blandt vagtlægerne. Hospitalet har gode erfaringer med, at akutsygeplejersker følger "
        "arbejdet i akutmodtagelsen.\n"
        "{owner} udsender kompetenceprofilen til kommunerne senest den {due}.",
        decision="Kompetenceprofilen blev godkendt med de bemærkninger, der kom på mødet.",
        attachments=("Kompetenceprofil for akutfunktioner.pdf", "Aktivitetsopgørelse {prev}.xlsx"),
        action_task="udsender kompetenceprofilen til kommunerne",
    ),
    Topic(
        key="saarbare_gravide",
        title="Sårbare gravide – tidlig opsporing og fælles forløb",
        minutes_long=25,
        presenter_kinds=("hospital", "kommune", "administration"),
        recommendation="at {body} godkender forløbsbeskrivelsen for sårbare gravide\n"
        "at {body} drøfter, hvordan kommende fædre kan inddrages",
        case_text="Omkring hver tiende gravide i {area} har behov for en særlig indsats på grund af psykisk "
        "sygdom, misbrug eller sociale forhold. Jordemødrene, sundhedsplejen og de praktiserende læger "
        "har hver deres del af forløbet, men overgangene er ikke altid tydelige.\n"
        "Den nye forløbsbeskrivelse fastlægger, at der holdes en tværsektoriel netværkssamtale senest i "
        "graviditetsuge 24, og at sundhedsplejen får besked ved henvisning til familieambulatoriet. "
        "I {prev} blev {n1} gravide henvist til familieambulatoriet.",
        minutes="{presenter} præsenterede forløbsbeskrivelsen. Flere medlemmer fremhævede, at de kommende "
        "fædre sjældent bliver spurgt til deres trivsel, og at der mangler tilbud til dem.\n"
        "{owner} indsamler kommunernes erfaringer med tilbud til fædre og fremlægger dem på mødet i "
        "{next_month}.",
        decision="Forløbsbeskrivelsen for sårbare gravide blev godkendt.",
        attachments=("Forløbsbeskrivelse for sårbare gravide.pdf",),
        action_task="indsamler kommunernes erfaringer med tilbud til fædre",
        action_due=False,
    ),
    Topic(
        key="dobbeltdiagnoser",
        title="Psykiatri – borgere med psykisk lidelse og samtidigt misbrug",
        minutes_long=35,
        presenter_kinds=("psykiatri", "region", "administration", "kommune"),
        recommendation="at {body} drøfter udfordringerne for borgere med dobbeltdiagnoser\n"
        "at {body} godkender, at der nedsættes en tværsektoriel arbejdsgruppe",
        case_text="Borgere med både psykisk lidelse og misbrug oplever ofte at blive sendt mellem "
        "psykiatrien og det kommunale tilbud om misbrugsbehandling. {psychiatry} og kommunerne har i "
        "{prev} registreret {n1} borgere med samtidige forløb.\n"
        "Den nationale 10-årsplan for psykiatrien lægger op til en samlet behandling. Det foreslås, at der "
        "nedsættes en arbejdsgruppe, som inden udgangen af {next} beskriver en fælles indgang og en model "
        "for koordinerende indsatsplaner.",
        minutes="{presenter} indledte med en borgerfortælling, der viste, hvor mange aktører der kan være "
        "involveret. Der var bred opbakning til en fælles indgang. Det blev understreget, at pårørende og "
        "brugerorganisationer skal inddrages i arbejdet.\n"
        "{owner} er tovholder på arbejdsgruppen og indkalder til første møde senest den {due}.",
        decision="Det blev besluttet at nedsætte en tværsektoriel arbejdsgruppe med et kommissorium som "
        "beskrevet.",
        attachments=("Kommissorium for arbejdsgruppen om dobbeltdiagnoser.pdf",),
        action_task="indkalder til første møde i arbejdsgruppen om dobbeltdiagnoser",
    ),
    Topic(
        key="telemedicin_kol",
        title="Telemedicin til borgere med KOL – status på udbredelsen",
        minutes_long=20,
        presenter_kinds=("kommune", "region", "administration"),
        recommendation="at {body} tager status på telemedicin til borgere med KOL til efterretning",
        case_text="Telemedicinsk hjemmemonitorering tilbydes borgere med svær KOL. Borgeren måler "
        "iltmætning, puls og vægt og besvarer spørgsmål i en app, og målingerne følges af et kommunalt "
        "monitoreringsteam.\n"
        "Udbredelsen går langsommere end forventet. Ved udgangen af {prev} var {n1} borgere i {area} "
        "tilknyttet løsningen mod en forventning på {n2}. Lungeambulatorierne og de praktiserende læger "
        "henviser i forskellig grad.",
        minutes="{presenter} gav status. Det blev drøftet, at borgerne skal tilbydes løsningen allerede "
        "under indlæggelsen. {gp} ønskede bedre information om, hvad monitoreringen indebærer.\n"
        "{owner} udarbejder et informationsark til de praktiserende læger senest den {due}.",
        decision="Status blev taget til efterretning.",
        attachments=("Status for telemedicin til borgere med KOL.pdf",),
        action_task="udarbejder et informationsark om telemedicin til de praktiserende læger",
    ),
    Topic(
        key="demografi_budget",
        title="Demografi og budget {next} for det nære sundhedsvæsen",
        minutes_long=30,
        presenter_kinds=("administration", "region", "kommune", "hospital"),
        recommendation="at {body} drøfter den demografiske udvikling og konsekvenserne for økonomien\n"
        "at {body} godkender fordelingen af den fælles pulje for {next}",
        case_text="Antallet af borgere over 80 år i {area} forventes at stige med {p1} procent frem mod "
        "{horizon}. Samtidig er der mangel på sygeplejersker og social- og sundhedsassistenter i alle "
        "sektorer.\n"
        "Den fælles pulje til tværsektorielle indsatser udgør {amount} mio. kr. i {next}. Det foreslås, at "
        "midlerne fordeles med:\n"
        "- 40 procent til udskrivelsesforløb og opfølgning\n"
        "- 35 procent til akutområdet\n"
        "- 25 procent til forebyggelse og sundhedsfremme",
        minutes="{presenter} gennemgik fremskrivningen og budgetforslaget. Flere medlemmer fremhævede, at "
        "rekruttering og fastholdelse bør være et fælles tema. Der var ønske om, at effekten af "
        "puljemidlerne følges tættere.\n"
        "{owner} udarbejder en plan for opfølgning på puljemidlerne senest den {due}.",
        decision="Fordelingen af den fælles pulje for {next} blev godkendt.",
        attachments=("Befolkningsfremskrivning {year}-{horizon}.pdf", "Budgetforslag {next}.xlsx"),
        action_task="udarbejder en plan for opfølgning på puljemidlerne",
    ),
)
