"""Starting content for the penvoerder guide and the FAQ, in Dutch and English. Staff install it
once per programme (or the demo does) and then edit it freely; this file is not read afterwards."""

from __future__ import annotations

GUIDE = [
    (
        "scan",
        "Zo werkt de scan",
        "How the scan works",
        "De scan is een digitale vragenlijst over hoe ver uw organisatie is met circulair inkopen. "
        "U vult hem één keer per editie in, met hulp van collega's die u uitnodigt.\n\n"
        "De vragen gaan over twee niveaus: het strategische niveau (hoe organiseert u circulair inkopen, "
        "welk beleid en welke ambities heeft u) en het operationele niveau (wat doet u, wat levert het op, "
        "hoeveel geeft u per inkoopcategorie uit en welk deel daarvan is circulair).\n\n"
        "Wat u invult wordt automatisch opgeslagen. Alleen de penvoerder kan de scan indienen, vóór de "
        "uiterste inleverdatum. Daarna berekenen wij de resultaten en ontvangt u op het terugkoppelmoment "
        "uw eigen rapport.",
        "The scan is a digital questionnaire about how far your organisation has come with circular "
        "procurement. You fill it in once per edition, helped by colleagues you invite.\n\n"
        "The questions cover two levels: the strategic level (how you organise circular procurement, your "
        "policy and ambitions) and the operational level (what you do, what it achieves, how much you spend "
        "per procurement category and which share of it is circular).\n\n"
        "Your answers are saved automatically. Only the lead contact (penvoerder) can submit the scan, before "
        "the deadline. We then compute the results and you receive your own report at the feedback moment.",
    ),
    (
        "people",
        "Wie weet welke antwoorden",
        "Who knows which answers",
        "- Beleid en ambities: de beleidsadviseur duurzaamheid of circulaire economie.\n"
        "- Inkoopbeleid en aanbestedingen: de (strategisch) inkoopadviseur.\n"
        "- Bedragen per inkoopcategorie: de afdeling financiën of de inkoopcontroller (spend-analyse).\n"
        "- Grond-, weg- en waterbouw, gebouwen en facilitair: de projectleiders van die afdelingen.\n\n"
        "Nodig deze collega's uit via uw deelnamepagina; zij kunnen meehelpen met invullen.",
        "- Policy and ambitions: the sustainability or circular-economy policy adviser.\n"
        "- Procurement policy and tenders: the (strategic) procurement adviser.\n"
        "- Amounts per procurement category: finance or the procurement controller (spend analysis).\n"
        "- Civil engineering, buildings and facilities: the project leaders of those departments.\n\n"
        "Invite these colleagues from your participation page; they can help fill in the scan.",
    ),
    (
        "terms",
        "Begrippen",
        "Definitions",
        "Penvoerder: de ene contactpersoon van uw organisatie, die de scan indient.\n"
        "Editie (jaargang): één jaarlijkse ronde van de monitor.\n"
        "Terugkoppelmoment: het moment waarop u uw resultaten ontvangt.\n"
        "MVI: maatschappelijk verantwoord inkopen.\n"
        "EMVI: economisch meest voordelige inschrijving.\n"
        "Circulair aandeel: het deel van de uitgaven in een categorie dat circulair is ingekocht.",
        "Penvoerder (lead contact): the one contact of your organisation, who submits the scan.\n"
        "Edition: one yearly round of the monitor.\n"
        "Feedback moment: when you receive your results.\n"
        "MVI: socially responsible procurement.\n"
        "EMVI (MEAT): most economically advantageous tender.\n"
        "Circular share: the part of the spending in a category that was procured circularly.",
    ),
    (
        "scoring",
        "Zo worden de scores berekend",
        "How the scores are computed",
        "Per thema en per niveau krijgt u een score die laat zien in welke ontwikkelingsfase uw organisatie "
        "zit. Daarnaast berekenen we per inkoopcategorie het circulaire aandeel in euro's. In de "
        "vergelijkingen ziet u uw eigen positie ten opzichte van andere deelnemers, altijd geanonimiseerd.",
        "Per theme and per level you receive a score that shows the development stage of your organisation. "
        "We also compute the circular share in euros per procurement category. The comparisons show your own "
        "position relative to other participants, always anonymised.",
    ),
    (
        "confidentiality",
        "Wat wij met uw antwoorden doen",
        "What we do with your answers",
        "Wat uw organisatie invult is vertrouwelijk. Alleen u en de collega's die u uitnodigt zien uw "
        "antwoorden en uw rapport, en de medewerkers van het programma die ze nodig hebben; ieder inzien "
        "door hen wordt vastgelegd. Anderen zien alleen geanonimiseerde overzichten waarin geen enkele "
        "organisatie herkenbaar is.",
        "What your organisation fills in is confidential. Only you and the colleagues you invite see your "
        "answers and your report, plus the programme staff who need them; every look by them is logged. "
        "Others only see anonymised overviews in which no organisation can be recognised.",
    ),
]

FAQ = [
    (
        "Kan ik de scan na het indienen nog wijzigen?",
        "Can I change the scan after submitting it?",
        "Neem contact op met de servicedesk. Zolang de editie open is kunnen wij de scan voor u heropenen.",
        "Contact the service desk. While the edition is open we can reopen the scan for you.",
    ),
    (
        "Ik haal de inleverdatum niet. Wat nu?",
        "I cannot make the deadline. What now?",
        "Stel een vraag aan de servicedesk. In overleg kan de inleverdatum voor uw organisatie worden verlengd.",
        "Ask the service desk. By agreement the deadline can be extended for your organisation.",
    ),
    (
        "Wie ziet onze antwoorden?",
        "Who sees our answers?",
        "Alleen uw eigen organisatie en de medewerkers van het programma. Anderen zien alleen geanonimiseerde overzichten.",
        "Only your own organisation and the programme staff. Others only see anonymised overviews.",
    ),
    (
        "Hoe word ik penvoerder als de vorige penvoerder is vertrokken?",
        "How do I become lead contact when the previous one has left?",
        "De servicedesk draagt het penvoerderschap over of stuurt u een nieuwe inlogcode.",
        "The service desk hands over the role or sends you a new login code.",
    ),
]
