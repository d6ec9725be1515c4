"""Metonyms, heads of state/government, armed groups and institutions.

Each table maps a canonical party to the surface forms that stand for it.  Leaders are
limited to heads of state or government (recent ones that appear in detention and
exchange reporting).  A surname alone is listed only when it is distinctive; common
surnames (Johnson, Sanchez, Aliyev ...) appear only as full names, because a detainee
may share them.
"""

# canonical country -> leaders (full names and distinctive surnames)
LEADERS: dict[str, tuple[str, ...]] = {
    "Russia": ("Vladimir Putin", "Putin", "Vladimir Vladimirovich Putin", "Dmitry Medvedev",
               "Dmitri Medvedev", "Mikhail Mishustin", "Mishustin"),
    "United States": ("Joe Biden", "Joseph Biden", "Biden", "Donald Trump", "Donald J. Trump", "Trump",
                      "Barack Obama", "Obama", "George W. Bush"),
    "Ukraine": ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyi",
                "Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "Petro Poroshenko", "Poroshenko",
                "Denys Shmyhal", "Shmyhal", "Yulia Svyrydenko"),
    "Belarus": ("Alexander Lukashenko", "Aleksandr Lukashenko", "Alyaksandr Lukashenka", "Lukashenko",
                "Lukashenka"),
    "Venezuela": ("Nicolás Maduro", "Nicolas Maduro", "Maduro", "Hugo Chávez", "Hugo Chavez"),
    "Turkey": ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Tayyip Erdogan", "Erdoğan", "Erdogan"),
    "Israel": ("Benjamin Netanyahu", "Netanyahu", "Naftali Bennett", "Yair Lapid", "Isaac Herzog"),
    "Iran": ("Ali Khamenei", "Ayatollah Ali Khamenei", "Khamenei", "Ebrahim Raisi", "Raisi",
             "Masoud Pezeshkian", "Pezeshkian", "Hassan Rouhani", "Rouhani", "Mahmoud Ahmadinejad",
             "Ahmadinejad"),
    "United Arab Emirates": ("Mohamed bin Zayed", "Mohammed bin Zayed", "Mohamed bin Zayed Al Nahyan",
                             "Sheikh Mohamed bin Zayed", "Mohamed bin Zayed al-Nahyan", "MBZ"),
    "Saudi Arabia": ("Mohammed bin Salman", "Mohammed bin Salman Al Saud", "Crown Prince Mohammed bin Salman",
                     "King Salman", "Salman bin Abdulaziz", "MBS"),
    "Qatar": ("Tamim bin Hamad Al Thani", "Sheikh Tamim bin Hamad Al Thani", "Sheikh Tamim",
              "Emir Tamim", "Mohammed bin Abdulrahman Al Thani", "Sheikh Mohammed bin Abdulrahman Al Thani"),
    "Oman": ("Sultan Haitham bin Tarik", "Haitham bin Tarik", "Sultan Haitham"),
    "Germany": ("Olaf Scholz", "Scholz", "Angela Merkel", "Merkel", "Friedrich Merz", "Merz",
                "Frank-Walter Steinmeier", "Steinmeier"),
    "France": ("Emmanuel Macron", "Macron", "François Hollande", "Francois Hollande", "Nicolas Sarkozy"),
    "United Kingdom": ("Keir Starmer", "Starmer", "Rishi Sunak", "Sunak", "Boris Johnson", "Liz Truss",
                       "Theresa May", "David Cameron"),
    "China": ("Xi Jinping", "Xi", "Li Qiang", "Li Keqiang"),
    "North Korea": ("Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jong Il", "Kim Jong-il"),
    "South Korea": ("Yoon Suk Yeol", "Yoon Suk-yeol", "Lee Jae-myung", "Lee Jae Myung", "Moon Jae-in",
                    "Moon Jae In"),
    "Japan": ("Fumio Kishida", "Kishida", "Shigeru Ishiba", "Ishiba", "Shinzo Abe", "Sanae Takaichi"),
    "India": ("Narendra Modi", "Modi"),
    "Pakistan": ("Shehbaz Sharif", "Imran Khan", "Asif Ali Zardari"),
    "Poland": ("Andrzej Duda", "Duda", "Donald Tusk", "Tusk", "Karol Nawrocki", "Mateusz Morawiecki"),
    "Hungary": ("Viktor Orbán", "Viktor Orban", "Orbán", "Orban"),
    "Serbia": ("Aleksandar Vučić", "Aleksandar Vucic", "Vučić", "Vucic"),
    "Kazakhstan": ("Kassym-Jomart Tokayev", "Tokayev", "Nursultan Nazarbayev", "Nazarbayev"),
    "Azerbaijan": ("Ilham Aliyev",),
    "Armenia": ("Nikol Pashinyan", "Pashinyan"),
    "Georgia": ("Irakli Kobakhidze", "Salome Zourabichvili", "Mikheil Kavelashvili"),
    "Egypt": ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi", "Abdel-Fattah el-Sissi", "el-Sisi", "al-Sisi",
              "Sisi", "el-Sissi"),
    "Syria": ("Bashar al-Assad", "Bashar Assad", "Assad", "Ahmed al-Sharaa", "al-Sharaa"),
    "Cuba": ("Miguel Díaz-Canel", "Miguel Diaz-Canel", "Díaz-Canel", "Diaz-Canel", "Raúl Castro",
             "Raul Castro", "Fidel Castro"),
    "Nicaragua": ("Daniel Ortega", "Rosario Murillo"),
    "Brazil": ("Luiz Inácio Lula da Silva", "Luiz Inacio Lula da Silva", "Lula da Silva", "Lula",
               "Jair Bolsonaro", "Bolsonaro"),
    "Argentina": ("Javier Milei", "Milei"),
    "Colombia": ("Gustavo Petro",),
    "Mexico": ("Claudia Sheinbaum", "Sheinbaum", "Andrés Manuel López Obrador", "Andres Manuel Lopez Obrador",
               "López Obrador", "Lopez Obrador"),
    "El Salvador": ("Nayib Bukele", "Bukele"),
    "Italy": ("Giorgia Meloni", "Meloni", "Sergio Mattarella"),
    "Spain": ("Pedro Sánchez", "Pedro Sanchez"),
    "Canada": ("Justin Trudeau", "Trudeau", "Mark Carney"),
    "Australia": ("Anthony Albanese", "Scott Morrison"),
    "Slovakia": ("Robert Fico",),
    "Slovenia": ("Robert Golob", "Natasa Pirc Musar", "Nataša Pirc Musar"),
    "Lithuania": ("Gitanas Nausėda", "Gitanas Nauseda"),
    "Finland": ("Alexander Stubb", "Sauli Niinistö", "Sauli Niinisto"),
    "Norway": ("Jonas Gahr Støre", "Jonas Gahr Store"),
    "Sweden": ("Ulf Kristersson",),
    "Rwanda": ("Paul Kagame", "Kagame"),
    "Eritrea": ("Isaias Afwerki", "Afwerki"),
    "Uganda": ("Yoweri Museveni", "Museveni"),
    "Myanmar": ("Min Aung Hlaing",),
    "Philippines": ("Ferdinand Marcos Jr.", "Ferdinand Marcos Jr", "Bongbong Marcos", "Rodrigo Duterte"),
    "Afghanistan": ("Hibatullah Akhundzada", "Ashraf Ghani"),
    "Palestine": ("Mahmoud Abbas",),
    "Lebanon": ("Joseph Aoun", "Najib Mikati", "Nawaf Salam"),
    "Iraq": ("Mohammed Shia al-Sudani",),
    "Tajikistan": ("Emomali Rahmon",),
    "Uzbekistan": ("Shavkat Mirziyoyev", "Mirziyoyev"),
    "Kyrgyzstan": ("Sadyr Japarov",),
    "Turkmenistan": ("Serdar Berdimuhamedov",),
    "Moldova": ("Maia Sandu",),
    "Niger": ("Abdourahamane Tiani", "Abdourahamane Tchiani", "Mohamed Bazoum"),
    "Mali": ("Assimi Goita", "Assimi Goïta"),
    "Burkina Faso": ("Ibrahim Traoré", "Ibrahim Traore"),
    "Vatican": ("Pope Francis", "Pope Leo XIV", "Pope Leo"),
}

# canonical country -> metonyms: seats of power and state organs that act for the state
METONYMS: dict[str, tuple[str, ...]] = {
    "Russia": ("Kremlin", "FSB", "Federal Security Service", "Russian Foreign Ministry", "Duma",
               "State Duma", "Russian government"),
    "United States": ("White House", "State Department", "US State Department", "U.S. State Department",
                      "Department of State", "Pentagon", "CIA", "FBI", "Department of Justice",
                      "Justice Department", "Foggy Bottom", "Biden administration",
                      "Trump administration", "US government", "U.S. government", "Capitol Hill",
                      # the US military prison in Cuba: who holds its prisoners is the US
                      "Guantanamo", "Guantánamo", "Guantanamo Bay", "Guantánamo Bay", "Gitmo"),
    "United Kingdom": ("Downing Street", "Foreign Office", "Whitehall", "Foreign, Commonwealth and Development Office"),
    "France": ("Élysée", "Elysee", "Élysée Palace", "Elysee Palace", "Quai d'Orsay"),
    "Germany": ("Bundestag", "German government"),
    "Ukraine": ("SBU", "Security Service of Ukraine", "Bankova", "Coordination Headquarters for the Treatment of Prisoners of War",
                "Ukrainian government", "Verkhovna Rada", "GUR", "HUR"),
    "Israel": ("Israel Defense Forces", "Israel Defence Forces", "IDF", "Shin Bet", "Mossad",
               "Israel Prison Service", "Knesset", "Israeli government", "Israel Police"),
    "Iran": ("IRGC", "Revolutionary Guards", "Islamic Revolutionary Guard Corps", "Revolutionary Guard",
             "Iranian government", "Majlis"),
    "Belarus": ("Belarusian KGB",),
    "China": ("Zhongnanhai", "Chinese government", "CCP", "Chinese Communist Party"),
    "Venezuela": ("Miraflores", "Venezuelan government", "SEBIN"),
    "Turkey": ("Turkish intelligence",),
    "Saudi Arabia": ("Saudi government",),
    "Qatar": ("Qatari government",),
    "United Arab Emirates": ("Emirati government",),
}

# canonical group -> surface forms (armed groups, militias, de facto authorities)
GROUPS: dict[str, tuple[str, ...]] = {
    "Hamas": ("Hamas", "HAMAS", "Qassam Brigades", "al-Qassam Brigades", "Izz ad-Din al-Qassam Brigades",
              "Ezzedine al-Qassam Brigades", "Izz al-Din al-Qassam Brigades"),
    "Taliban": ("Taliban", "Taleban", "Islamic Emirate of Afghanistan"),
    "Houthis": ("Houthis", "Houthi", "Huthis", "Huthi", "Ansar Allah", "Ansarallah"),
    "Islamic Jihad": ("Islamic Jihad", "Palestinian Islamic Jihad", "PIJ", "Al-Quds Brigades", "al-Quds Brigades"),
    "Hezbollah": ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah"),
    "Wagner": ("Wagner Group", "Wagner", "PMC Wagner"),
    "Islamic State": ("Islamic State", "ISIS", "ISIL", "Daesh", "Islamic State group"),
    "al-Qaeda": ("al-Qaeda", "Al-Qaeda", "al-Qaida", "Al-Qaida", "Al Qaeda", "al Qaeda",
                 "al-Qaeda in the Arabian Peninsula", "AQAP", "al-Qaeda in the Islamic Maghreb", "AQIM"),
    "al-Shabaab": ("al-Shabaab", "Al-Shabaab", "al-Shabab", "Al-Shabab", "Al Shabaab"),
    "Boko Haram": ("Boko Haram",),
    "JNIM": ("JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Jamaat Nusrat al-Islam wal-Muslimin",
             "Group to Support Islam and Muslims", "Group for the Support of Islam and Muslims",
             "Support Group for Islam and Muslims"),
    "Hayat Tahrir al-Sham": ("Hayat Tahrir al-Sham", "HTS"),
    "Syrian Democratic Forces": ("Syrian Democratic Forces", "SDF"),
    "Rapid Support Forces": ("Rapid Support Forces", "RSF"),
    "Saudi-led coalition": ("Saudi-led coalition", "Saudi-led military coalition", "Saudi-led alliance",
                            "Saudi-led forces"),
    "M23": ("M23", "March 23 Movement"),
    "FARC": ("FARC", "Revolutionary Armed Forces of Colombia"),
    "ELN": ("ELN", "National Liberation Army"),
    "PKK": ("PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"),
    "Polisario Front": ("Polisario Front", "Polisario"),
    "Kataib Hezbollah": ("Kataib Hezbollah", "Kata'ib Hezbollah"),
    "Popular Mobilization Forces": ("Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF"),
    "Russian-backed separatists": ("Russian-backed separatists", "Russia-backed separatists",
                                   "Moscow-backed separatists", "Kremlin-backed separatists",
                                   "pro-Russian separatists", "pro-Russia separatists"),
    "Donetsk People's Republic": ("Donetsk People's Republic", "DPR", "DNR"),
    "Luhansk People's Republic": ("Luhansk People's Republic", "Lugansk People's Republic", "LPR", "LNR"),
    "Fatah": ("Fatah",),
    "Popular Front for the Liberation of Palestine": ("Popular Front for the Liberation of Palestine", "PFLP"),
    "Akhmat": ("Akhmat battalion", "Akhmat special forces"),
    "Azov": ("Azov Regiment", "Azov Brigade", "Azov battalion", "Azov Battalion"),
}

# Groups that govern a country de facto, and since when (YYYY-MM): in an exchange from then on,
# that country ("Afghanistan freed", "an Afghan drug lord") is the group itself.
RULING_GROUPS: dict[str, tuple[str, str]] = {
    "Taliban": ("Afghanistan", "2021-08"),
}

# Groups that hold the hostages kept in a territory they govern, and since when: hostages that
# territory lets go ("the hostages held in Gaza were released") are let go by the group.
HOSTAGE_HOLDERS: dict[str, tuple[str, str]] = {
    "Hamas": ("Palestine", "2007-06"),
}

# Wars whose prisoners of war are exchanged between the two belligerents: when a POW
# exchange names one of them ("130 Ukrainian prisoners of war freed"), the other is the
# counterpart (EXTRACTION.md: "released_by the other party of the war").
WARS: tuple[tuple[str, str], ...] = (
    ("Russia", "Ukraine"),
    ("Israel", "Hamas"),
    ("Armenia", "Azerbaijan"),
    ("Saudi-led coalition", "Houthis"),
    ("Sudan", "Rapid Support Forces"),
)

# A country's civil war: the two sides "the country's warring parties" stand for (the government
# under the country's name).
CIVIL_WARS: dict[str, tuple[str, str]] = {
    "Yemen": ("Yemen", "Houthis"),
    "Sudan": ("Sudan", "Rapid Support Forces"),
}

# canonical institution -> surface forms (mediators, monitors)
INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "United Nations": ("United Nations", "UN", "U.N.", "UN Security Council", "U.N. Security Council",
                       "UN Secretary-General", "UN Special Envoy", "UN envoy", "UN human rights office",
                       "OHCHR", "UN Human Rights Monitoring Mission", "UNHCR", "UNICEF"),
    "International Committee of the Red Cross": ("International Committee of the Red Cross", "ICRC",
                                                 "Red Cross", "International Red Cross"),
    "European Union": ("European Union", "EU", "E.U.", "European Commission", "European Parliament"),
    "Organization for Security and Co-operation in Europe": (
        "Organization for Security and Co-operation in Europe", "Organization for Security and Cooperation in Europe",
        "OSCE"),
    "African Union": ("African Union",),
    "Arab League": ("Arab League", "League of Arab States"),
    "Council of Europe": ("Council of Europe",),
    "Organisation of Islamic Cooperation": ("Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "OIC"),
    "NATO": ("NATO", "North Atlantic Treaty Organization"),
}

# forms that stand for an institution only with a leading "the" (e.g. "the Vatican")
MEDIATOR_COUNTRY_FORMS: dict[str, str] = {
    "Vatican": "Vatican", "Holy See": "Vatican", "Pope": "Vatican", "Pope Francis": "Vatican",
    "Sant'Egidio": "Community of Sant'Egidio", "Community of Sant'Egidio": "Community of Sant'Egidio",
}
